package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The local issuer's sign-in for the web UI (authorization code with PKCE): only the UI's client, only back into the
 * UI on the host the browser used, only S256; a wrong secret gets the page again; a code buys one token, only with its
 * verifier, redirect and client; nothing a request carries is echoed unescaped.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignInTest {
    private static final String VERIFIER = "v".repeat(43) + "-verifier_0123456789";

    private static String host() {
        return "localhost:" + RestAssured.port;
    }

    private static String redirect() {
        return "http://" + host() + "/ui/";
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static Map<String, String> request(String verifier) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", "agora-ui");
        p.put("redirect_uri", redirect());
        p.put("state", "s1");
        p.put("code_challenge", challenge(verifier));
        p.put("code_challenge_method", "S256");
        return p;
    }

    private static Response page(Map<String, String> params) {
        return Api.raw().redirects().follow(false).header("Host", host()).queryParams(params).get("/oauth/authorize");
    }

    private static Response post(Map<String, String> form) {
        return Api.raw().redirects().follow(false).header("Host", host()).contentType("application/x-www-form-urlencoded")
                .formParams(form).post("/oauth/authorize");
    }

    private static Response redeem(String code, String verifier, String redirect, String client) {
        return Api.raw().contentType("application/x-www-form-urlencoded").formParams(Map.of("grant_type", "authorization_code",
                "code", code, "code_verifier", verifier, "redirect_uri", redirect, "client_id", client)).post("/oauth/token");
    }

    /** Signs in and returns the code from the redirect. */
    private static String code(JsonNode who, String verifier) throws Exception {
        Map<String, String> form = request(verifier);
        form.put("username", who.get("clientId").asText());
        form.put("password", who.get("clientSecret").asText());
        Response r = post(form);
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.header("Location");
        assertThat(location).startsWith(redirect() + "?code=").endsWith("&state=s1");
        return URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    @Test
    void theLoginPageServesOnlyTheUisClientBackIntoTheUi() throws Exception {
        page(request(VERIFIER)).then().statusCode(200).contentType(containsString("text/html"))
                .header("X-Frame-Options", "DENY").body(containsString("Sign in to Agora"));
        for (String[] bad : new String[][] {
                {"redirect_uri", "http://evil.example/ui/"}, {"redirect_uri", "http://" + host() + "/api/markets"},
                {"redirect_uri", "javascript:alert(1)"}, {"redirect_uri", "http://" + host() + "/ui/../oauth/token"},
                {"client_id", "some-bot"}, {"code_challenge_method", "plain"}, {"code_challenge", "short"},
                {"response_type", "token"}}) {
            Map<String, String> params = request(VERIFIER);
            params.put(bad[0], bad[1]);
            page(params).then().statusCode(400).header("Location", nullValue()).body(containsString(bad[0]));
        }
        Map<String, String> hostile = request(VERIFIER);
        hostile.put("state", "\"><script>alert(1)</script>");
        page(hostile).then().statusCode(200).body(not(containsString("<script>alert"))).body(containsString("&quot;&gt;&lt;script&gt;"));
    }

    @Test
    void aWrongSecretGetsThePageAgainAndNoCode() throws Exception {
        JsonNode who = Api.newClient("experimenter");
        Map<String, String> form = request(VERIFIER);
        form.put("username", who.get("clientId").asText());
        form.put("password", "wrong");
        post(form).then().statusCode(401).header("Location", nullValue()).body(containsString("wrong secret"));
    }

    @Test
    void aCodeBuysOneTokenOnlyWithItsVerifierRedirectAndClient() throws Exception {
        JsonNode who = Api.newClient("experimenter");
        String code = code(who, VERIFIER);
        redeem(code, "x".repeat(43), redirect(), "agora-ui").then().statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(code, VERIFIER, redirect(), "agora-ui").then().statusCode(400); // a failed attempt spends the code

        String second = code(who, VERIFIER);
        redeem(second, VERIFIER, "http://" + host() + "/ui/other", "agora-ui").then().statusCode(400);
        String third = code(who, VERIFIER);
        redeem(third, VERIFIER, redirect(), "some-bot").then().statusCode(400);

        String good = code(who, VERIFIER);
        String token = redeem(good, VERIFIER, redirect(), "agora-ui").then().statusCode(200).extract().path("access_token");
        redeem(good, VERIFIER, redirect(), "agora-ui").then().statusCode(400).body("error", equalTo("invalid_grant"));
        // The token is the signed-in client's: an experimenter may list experiments.
        Api.as(token).get("/api/experiments").then().statusCode(200);
        Api.raw().contentType("application/x-www-form-urlencoded").formParams(Map.of("grant_type", "authorization_code", "code", good,
                "code_verifier", VERIFIER, "redirect_uri", redirect(), "client_id", "agora-ui", "client_secret", "x"))
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void theUiKnowsHowToSignIn() {
        Api.raw().get("/api/ui/config").then().statusCode(200).body("mode", equalTo("local"))
                .body("authorizeUrl", equalTo("/oauth/authorize")).body("clientId", equalTo("agora-ui"));
        Api.raw().redirects().follow(false).get("/").then().statusCode(302).header("Location", "/ui/");
        Api.raw().get("/ui/").then().statusCode(200).body(containsString("/ui/js/app.js"));
        Api.raw().get("/_static/echarts/6.0.0/dist/echarts.esm.min.js").then().statusCode(200);
    }
}
