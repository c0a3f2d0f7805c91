package io.agora.gateway;

import io.agora.gateway.boot.IssuerKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agora.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/**
 * The unauthenticated token endpoint answers bad requests with OAuth2's error JSON (never a 500), caps its body
 * however it is sent, and limits requests per address; tokens from providers that omit {@code azp} work.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokenEndpointTest {
    @TestHTTPResource("/")
    URL base;

    private static io.restassured.response.ValidatableResponse token(String form, String authorization) {
        var request = Api.raw().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(form);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post("/oauth/token").then().contentType("application/json");
    }

    @Test
    void malformedRequestsGetOAuthErrors() {
        token("grant_type=client_credentials&client_id=" + "a".repeat(3000) + "&client_secret=x", null)
                .statusCode(400).body("error", equalTo("invalid_request"));
        token("grant_type=client_credentials&client_id=%00&client_secret=x", null).statusCode(400).body("error", equalTo("invalid_request"));
        token("grant_type=client_credentials&client_id=%zz&client_secret=x", null).statusCode(400).body("error", equalTo("invalid_request"));
        token("grant_type=client_credentials", "Basic !!!").statusCode(401).body("error", equalTo("invalid_client"));
        token("grant_type=client_credentials", "Bearer abc").statusCode(401).body("error", equalTo("invalid_client"));
        token("grant_type=password&client_id=a&client_secret=b", null).statusCode(400).body("error", equalTo("unsupported_grant_type"));
        token("client_id=a&client_secret=b", null).statusCode(400).body("error", equalTo("invalid_request"));
        token("grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=b", null)
                .statusCode(400).body("error", equalTo("invalid_request"));
        token("grant_type=client_credentials&client_id=nobody&client_secret=wrong", null).statusCode(401).body("error", equalTo("invalid_client"));
        Api.raw().contentType("application/json").body("{}").post("/oauth/token").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        RestAssured.given().get("/oauth/token").then().statusCode(405).body("error", equalTo("invalid_request"));
    }

    @Test
    void aBodyOverTheCapIsRefusedAsItArrivesEvenWhenChunked() throws Exception {
        byte[] big = ("grant_type=client_credentials&client_id=" + "a".repeat(10_000_000)).getBytes(StandardCharsets.US_ASCII);
        // A body from an InputStream has no declared length: the JDK client sends it chunked.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(chunked, HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(413);
            org.assertj.core.api.Assertions.assertThat(answer.body()).contains("invalid_request");
        } catch (java.io.IOException closedWhileSending) {
            // The gateway answered 413 and closed the connection before the client finished sending: also a refusal.
        }
        token("grant_type=client_credentials&client_id=x&client_secret=" + "b".repeat(5000), null).statusCode(413)
                .body("error", equalTo("invalid_request"));
        as(Api.admin()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void tokenRequestsAreLimitedPerAddress() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger limited = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> {
                    var response = Api.raw().contentType("application/x-www-form-urlencoded")
                            .body("grant_type=client_credentials&client_id=nobody&client_secret=wrong").post("/oauth/token");
                    if (response.statusCode() == 429) {
                        limited.incrementAndGet();
                        org.assertj.core.api.Assertions.assertThat(response.header("Retry-After")).isNotNull();
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        }
        org.assertj.core.api.Assertions.assertThat(limited.get()).isPositive();
        Thread.sleep(2_500); // the bucket refills before the next test asks for tokens
    }

    @Test
    void aTokenWithoutAzpFallsBackToClientIdThenSub() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("client_id", "provider-client-7");
        claims.put("sub", "some-user");
        as(sign(claims)).get("/api/ledger/me").then().statusCode(200);
        Map<String, Object> subOnly = claims();
        subOnly.put("sub", "provider-subject-9");
        as(sign(subOnly)).get("/api/ledger/me").then().statusCode(200);
        as(sign(claims())).get("/api/ledger/me").then().statusCode(401).contentType("application/problem+json")
                .body("field", equalTo("Authorization")).body("detail", not(emptyOrNullString()));
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "agora-local");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of("bot")));
        return claims;
    }

    /** A token signed with the embedded issuer's key, as another provider would shape it. */
    private static String sign(Map<String, Object> claims) throws Exception {
        Path data = Path.of(ConfigProvider.getConfig().getValue("agora.data", String.class));
        IssuerKeys keys = IssuerKeys.loadOrCreate(data.resolve("issuer/private-key.pem"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String header = encode(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
        String body = encode(json.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.privateKey());
        rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + encode(rsa.sign());
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
