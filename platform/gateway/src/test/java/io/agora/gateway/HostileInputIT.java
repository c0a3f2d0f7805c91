package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite against the packaged gateway, as {@code agora serve} runs it (a separate process with its
 * own embedded PostgreSQL), or against a running gateway when {@code -Dagora.hostile.url} and
 * {@code -Dagora.hostile.data} (its data folder, for the admin's credentials) are given:
 * {@code platform/gateway/bench/hostile.sh} does that.
 */
class HostileInputIT {

    @Test
    void hostileRequestsAgainstThePackagedGateway() throws Exception {
        String url = System.getProperty("agora.hostile.url");
        if (url != null && !url.isBlank()) {
            run(URI.create(url), Path.of(System.getProperty("agora.hostile.data")));
            return;
        }
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hostile-it-").resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(data, GatewayProcess.freePort(), "--fresh")) {
            run(gateway.url(), data);
            assertThat(Files.readString(gateway.log)).doesNotContain("OutOfMemoryError");
        }
    }

    private static void run(URI base, Path data) throws Exception {
        Supplier<RequestSpecification> http = () -> RestAssured.given().baseUri(base.toString());
        JsonNode admin = new ObjectMapper().readTree(data.resolve("admin-credentials.json").toFile());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", token(http, admin.get("clientId").asText(), admin.get("clientSecret").asText()));
        for (String name : List.of("experimenter", "botA", "botB", "stranger")) {
            String role = name.equals("experimenter") ? "experimenter" : "bot";
            JsonNode c = new ObjectMapper().readTree(http.get().header("Authorization", "Bearer " + tokens.get("admin")).contentType("application/json")
                    .body(Map.of("name", "hostile-" + name + "-" + System.nanoTime() % 1_000_000, "role", role))
                    .post("/api/admin/clients").then().statusCode(201).extract().asString());
            tokens.put(name, token(http, c.get("clientId").asText(), c.get("clientSecret").asText()));
        }
        String market = http.get().header("Authorization", "Bearer " + tokens.get("experimenter")).contentType("application/json")
                .body(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1, 1}, "seats", 2, "deadlineMillis", 600_000))
                .post("/api/markets").then().statusCode(201).extract().path("id");
        for (String bot : List.of("botA", "botB")) {
            http.get().header("Authorization", "Bearer " + tokens.get(bot)).post("/api/markets/" + market + "/seats").then().statusCode(200);
        }
        http.get().header("Authorization", "Bearer " + tokens.get("botA")).queryParam("after", 0).queryParam("waitMillis", 10_000)
                .get("/api/markets/" + market + "/rounds/current").then().statusCode(200);
        http.get().header("Authorization", "Bearer " + tokens.get("botA")).header("Idempotency-Key", "baseline").contentType("application/json")
                .body("{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").post("/api/markets/" + market + "/rounds/1/reports").then().statusCode(201);
        List<String> before = Baseline.state(http, tokens, market);

        // The packaged gateway keeps its rate limits: pace the suite under them rather than turn them off.
        int sent = new HostileRequests(() -> paced(http), tokens, market).run();

        System.out.printf("hostile suite: %d requests, none answered with 5xx or a leak%n", sent);
        assertThat(sent).isGreaterThanOrEqualTo(150);
        assertThat(Baseline.state(http, tokens, market)).isEqualTo(before);
        http.get().get("/q/health/ready").then().statusCode(200);
    }

    private static RequestSpecification paced(Supplier<RequestSpecification> http) {
        try {
            Thread.sleep(2); // at most ~500 requests per second, under the default per-client limit of 2,000
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return http.get();
    }

    private static String token(Supplier<RequestSpecification> http, String id, String secret) {
        return http.get().formParam("grant_type", "client_credentials").formParam("client_id", id).formParam("client_secret", secret)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }
}
