package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Bad input gets problem JSON naming the field and the rule, and changes nothing: after every refused report the
 * seat still has no report, and a later valid report is taken.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {
    private static String experimenter;
    private static String bot;
    private static String other;
    private static String market;

    @BeforeEach
    void market() {
        if (market == null) {
            experimenter = Api.client("experimenter");
            bot = Api.client("bot");
            other = Api.client("bot");
            market = Api.market(experimenter, 2, 0, 60_000);
            Api.join(bot, market);
            Api.join(other, market);
            Api.awaitRound(bot, market, 0);
        }
    }

    private static void refused(String body, int status, String field, String rule) {
        Api.report(bot, market, 1, "bad-" + System.nanoTime(), body).then()
                .statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("field", startsWith(field)).body("detail", containsString(rule));
        as(bot).get("/api/markets/" + market + "/rounds/current").then().body("reported", equalTo(false));
    }

    @Test
    void malformedJson() {
        refused("{\"rewards\":[0.2,0.3", 400, "rewards", "malformed JSON");
        refused("{\"rewards\" 0.2}", 400, "rewards", "malformed JSON");
    }

    @Test
    void wrongVectorLength() {
        // JSON that is well formed but breaks a rule of the declared report shape is a 422 naming the component.
        refused("{\"rewards\":[0.5,0.5],\"weight\":1}", 422, "rewards", "length 2, expected 3");
    }

    @Test
    void notANumber() {
        refused("{\"rewards\":[NaN,0.5,0.5],\"weight\":1}", 400, "rewards[0]", "finite");
        refused("{\"rewards\":[\"NaN\",0.5,0.5],\"weight\":1}", 400, "rewards[0]", "must be a number");
    }

    @Test
    void infiniteNumber() {
        refused("{\"rewards\":[1e999,0.5,0.5],\"weight\":1}", 400, "rewards[0]", "finite");
    }

    @Test
    void negativeRewards() {
        refused("{\"rewards\":[-0.5,1.0,0.5],\"weight\":1}", 422, "rewards", "");
    }

    @Test
    void unnormalizedRewards() {
        refused("{\"rewards\":[0.5,0.5,0.5],\"weight\":1}", 422, "rewards", "");
    }

    @Test
    void missingOrBadWeight() {
        refused("{\"rewards\":[0.2,0.3,0.5]}", 422, "weight", "is required");
        refused("{\"rewards\":[0.2,0.3,0.5],\"weight\":1000000}", 422, "weight", "must be in [1, 100]");
    }

    @Test
    void unknownField() {
        refused("{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"agent\":\"someone-else\"}", 400, "agent", "is not part of this mechanism's report; it takes rewards, weight");
    }

    @Test
    void missingIdempotencyKey() {
        as(bot).contentType("application/json").body("{\"rewards\":[0.2,0.3,0.5],\"weight\":1}")
                .post("/api/markets/" + market + "/rounds/1/reports").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void unknownMarketOrNoSeat() {
        as(bot).get("/api/markets/nope/rounds/current").then().statusCode(404).body("field", equalTo("marketId"));
        String stranger = Api.client("bot");
        as(stranger).get("/api/markets/" + market + "/rounds/current").then().statusCode(404).body("detail", containsString("no seat"));
        Api.report(stranger, market, 1, "k", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(404);
    }

    @Test
    void lateAndFutureRoundsAreConflicts() {
        Api.report(bot, market, 7, "future", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(409).body("field", equalTo("round"));
        Api.report(bot, market, 0, "past", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(409).body("field", equalTo("round"));
    }

    @Test
    void sameKeyDifferentBodyIsAConflict() {
        String fresh = Api.market(experimenter, 1, 0, 60_000);
        Api.join(other, fresh);
        int round = Api.awaitRound(other, fresh, 0);
        String two = Api.market(experimenter, 2, 0, 60_000);
        Api.join(other, two);
        Api.join(bot, two);
        Api.awaitRound(other, two, 0);
        Api.report(other, two, 1, "k1", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201);
        Api.report(other, two, 1, "k1", "{\"rewards\":[0.5,0.3,0.2],\"weight\":1}").then().statusCode(409)
                .body("field", equalTo("Idempotency-Key"));
        assertThat(round).isEqualTo(1);
    }

    @Test
    void oversizedBody() {
        String huge = "{\"rewards\":[" + "0.1,".repeat(100_000) + "0.1],\"weight\":1}";
        Api.report(bot, market, 1, "huge", huge).then().statusCode(413).contentType("application/problem+json")
                .body("field", equalTo("body"));
    }

    @Test
    void badMarketRequests() {
        createRefused(Map.of("reference", new double[] {1, 1}, "seats", 1), "mechanism", "required");
        createRefused(Map.of("mechanism", "nope", "reference", new double[] {1, 1}, "seats", 1), "mechanism", "no mechanism");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, -1}, "seats", 1), "reference[1]", "positive");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 0), "seats", "[1, 10000]");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "missPolicy", "x"), "missPolicy", "truthful");
        createRefused(Map.of("mechanism", "affine-maximizer", "params", Map.of("lambda", -1), "reference", new double[] {1, 1}, "seats", 1),
                "params.lambda", "");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "colour", "red"), "colour", "unknown field");
        // A prompt and outcome texts: bounded, one text per outcome, all different.
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "prompt", "x".repeat(4001)),
                "prompt", "at most 4000 characters");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "outcomes", List.of("a")),
                "outcomes", "one text per outcome");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "outcomes", List.of("a", "a")),
                "outcomes[1]", "repeats outcomes[0]");
        createRefused(Map.of("mechanism", "affine-maximizer", "reference", new double[] {1, 1}, "seats", 1, "outcomes", List.of("a", "")),
                "outcomes[1]", "non-empty");
        // Candidates drawn from a model: instead of reference and outcomes, with a prompt, a served model and a bounded count.
        createRefused(Map.of("mechanism", "affine-maximizer", "seats", 1, "generate", Map.of("model", "catalog", "count", 5)),
                "prompt", "required to generate");
        createRefused(Map.of("mechanism", "affine-maximizer", "seats", 1, "prompt", "q", "generate", Map.of("model", "catalog", "count", 101)),
                "generate.count", "[2, 100]");
        createRefused(Map.of("mechanism", "affine-maximizer", "seats", 1, "prompt", "q", "generate", Map.of("count", 5)),
                "generate.model", "required");
        createRefused(Map.of("mechanism", "affine-maximizer", "seats", 1, "prompt", "an unknown prompt", "generate", Map.of("model", "catalog")),
                "prompt", "model 'catalog' cannot answer it");
        createRefused(Map.of("mechanism", "affine-maximizer", "seats", 1, "prompt", "q", "reference", new double[] {1, 1},
                "generate", Map.of("model", "catalog")), "generate", "leave reference and outcomes out");
    }

    private static void createRefused(Map<String, Object> body, String field, String rule) {
        as(experimenter).contentType("application/json").body(body).post("/api/markets").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo(field)).body("detail", containsString(rule));
    }

    @Test
    void badExperimentConfigNamesTheField() {
        as(experimenter).contentType("application/yaml").body(RoleMatrixTest.TINY_EXPERIMENT.replace("affine-maximizer", "nope").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/experiments").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("mechanism"));
    }

    @Test
    void tooManyRequestsFromOneClientGet429() throws InterruptedException {
        String greedy = Api.client("bot");
        java.util.concurrent.atomic.AtomicInteger limited = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> {
                    if (as(greedy).get("/api/markets").statusCode() == 429) {
                        limited.incrementAndGet();
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        }
        assertThat(limited.get()).isPositive();
        as(bot).get("/api/markets/" + market).then().statusCode(200); // other clients are not affected
    }
}
