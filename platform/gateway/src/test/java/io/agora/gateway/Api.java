package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test fixtures over the real API: clients registered by the admin, real tokens from the embedded issuer. */
final class Api {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    /** A bearer token of the admin whose credentials the gateway wrote to its data folder. */
    static String admin() {
        return TOKENS.computeIfAbsent("admin", n -> {
            try {
                Path data = Path.of(ConfigProvider.getConfig().getValue("agora.data", String.class));
                JsonNode creds = new ObjectMapper().readTree(data.resolve("admin-credentials.json").toFile());
                return token(creds.get("clientId").asText(), creds.get("clientSecret").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Registers a new client with {@code role} and returns a token for it. */
    static String client(String role) {
        return tokenOf(newClient(role));
    }

    /** Registers a new client with {@code role}; returns its credentials as JSON. */
    static JsonNode newClient(String role) {
        String name = role + "-" + IDS.incrementAndGet() + "-" + System.nanoTime() % 100000;
        String body = given().auth().oauth2(admin()).contentType("application/json")
                .body(Map.of("name", name, "role", role))
                .post("/api/admin/clients").then().statusCode(201).extract().asString();
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tokenOf(JsonNode creds) {
        return token(creds.get("clientId").asText(), creds.get("clientSecret").asText());
    }

    static String token(String clientId, String secret) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    /**
     * A request whose body is sent as given, whatever its content type (RestAssured otherwise re-encodes form and
     * YAML bodies), for tests of malformed input.
     */
    static RequestSpecification raw() {
        return RestAssured.given().config(rawBodies());
    }

    /** The configuration of {@link #raw()}: form, YAML and XML bodies are sent as the text given. */
    static io.restassured.config.RestAssuredConfig rawBodies() {
        return RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/x-www-form-urlencoded", io.restassured.http.ContentType.TEXT)
                .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)
                .encodeContentTypeAs("text/xml", io.restassured.http.ContentType.TEXT));
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = RestAssured.given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** Creates a P1 market with {@code seats} seats and returns its id. */
    static String market(String experimenter, int seats, int rounds, long deadlineMillis) {
        return as(experimenter).contentType("application/json")
                .body(Map.of("mechanism", "affine-maximizer", "params", Map.of("lambda", 1.0), "reference", new double[] {1, 1, 1},
                        "seats", seats, "rounds", rounds, "deadlineMillis", deadlineMillis, "seed", 42))
                .post("/api/markets").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** Joins {@code market} and returns the seat. */
    static String join(String bot, String market) {
        return as(bot).post("/api/markets/" + market + "/seats").then().statusCode(200).extract().path("seat");
    }

    /** Waits for a round after {@code after} and returns it. */
    static int awaitRound(String bot, String market, int after) {
        return as(bot).queryParam("after", after).queryParam("waitMillis", 5000)
                .get("/api/markets/" + market + "/rounds/current").then().statusCode(200).extract().path("round");
    }

    static io.restassured.response.Response report(String bot, String market, int round, String key, String body) {
        return as(bot).contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/markets/" + market + "/rounds/" + round + "/reports");
    }
}
