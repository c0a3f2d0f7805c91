package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Honesty gaps and ladders over HTTP: in two markets of one mechanism, two bots report their types and one exaggerates
 * its favourite reply. Without payments the exaggeration pays (a positive gap); under the mechanism's own payments it
 * does not. A bot sees its gap in its round result at once; everyone sees the sums on the leaderboard and the ladder
 * once the markets have finished.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LadderTest {

    @Test
    void botsSeeTheirHonestyGapsAndTheLadderRatesThemAcrossFinishedMarkets() throws Exception {
        String experimenter = Api.client("experimenter");
        com.fasterxml.jackson.databind.JsonNode aliceClient = Api.newClient("bot");
        com.fasterxml.jackson.databind.JsonNode carolClient = Api.newClient("bot");
        String aliceId = aliceClient.get("clientId").asText();
        String carolId = carolClient.get("clientId").asText();
        String alice = Api.tokenOf(aliceClient);
        String bob = Api.client("bot");
        String carol = Api.tokenOf(carolClient);
        String mechanism = "affine-maximizer";
        int before = as(alice).get("/api/ladders/" + mechanism).then().statusCode(200).extract().path("markets");

        String unpaid = market(experimenter, "none");
        double unpaidGap = play(unpaid, alice, bob, carol);
        assertThat(unpaidGap).as("exaggerating pays without payments").isGreaterThan(1e-6);
        String paid = market(experimenter, "affine-maximizer");
        double paidGap = play(paid, alice, bob, carol);
        assertThat(paidGap).as("and does not under the affine maximizer's payments").isLessThanOrEqualTo(1e-9);

        JsonPath board = as(bob).get("/api/markets/" + unpaid + "/leaderboard").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = board.getList("$");
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.get("honestyGap")).isNotNull());

        JsonPath ladder = as(bob).get("/api/ladders/" + mechanism).then().statusCode(200)
                .body("mechanism", equalTo(mechanism)).extract().jsonPath();
        assertThat(ladder.getInt("markets")).isEqualTo(before + 2);
        Map<String, Object> carolRow = ladder.getMap("rows.find { it.bot == '" + carolId + "' }");
        assertThat(((Number) carolRow.get("markets")).intValue()).isEqualTo(2);
        assertThat(((Number) carolRow.get("honestyGap")).doubleValue()).isCloseTo(unpaidGap + paidGap, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(((Number) carolRow.get("low")).doubleValue()).isLessThan(((Number) carolRow.get("high")).doubleValue());
        Map<String, Object> aliceRow = ladder.getMap("rows.find { it.bot == '" + aliceId + "' }");
        assertThat(((Number) aliceRow.get("honestyGap")).doubleValue()).isZero();

        as(bob).get("/api/ladders/no-such-mechanism").then().statusCode(404).body("field", equalTo("mechanism"));
    }

    private static String market(String experimenter, String payment) {
        return as(experimenter).contentType("application/json")
                .body(Map.of("mechanism", "affine-maximizer", "params", Map.of("lambda", 1.0, "payment", payment),
                        "reference", new double[] {1, 1, 1}, "seats", 3, "rounds", 2, "deadlineMillis", 10_000, "seed", 7))
                .post("/api/markets").then().statusCode(201).extract().path("id");
    }

    /**
     * Plays two rounds: alice and bob report their types, carol puts all her reward on her favourite reply. Returns
     * carol's honesty gap summed over the rounds, as her own results show it (alice's are checked to be 0).
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @SuppressWarnings("unchecked")
    private static double play(String market, String alice, String bob, String carol) throws Exception {
        for (String bot : List.of(alice, bob, carol)) {
            Api.join(bot, market);
        }
        double carolGap = 0;
        for (int round = 1; round <= 2; round++) {
            for (String bot : List.of(alice, bob, carol)) {
                assertThat(Api.awaitRound(bot, market, round - 1)).isEqualTo(round);
                // Read with Jackson: RestAssured's paths read numbers as floats, and the type must go back exactly as dealt.
                Map<String, Object> type = (Map<String, Object>) JSON.readValue(as(bot).get("/api/markets/" + market + "/rounds/current")
                        .then().extract().asString(), Map.class).get("type");
                Map<String, Object> report = new HashMap<>(type);
                if (bot.equals(carol)) {
                    List<Number> rewards = (List<Number>) type.get("rewards");
                    int best = 0;
                    for (int i = 1; i < rewards.size(); i++) {
                        best = rewards.get(i).doubleValue() > rewards.get(best).doubleValue() ? i : best;
                    }
                    List<Double> extreme = new ArrayList<>(List.of(0.0, 0.0, 0.0));
                    extreme.set(best, 1.0);
                    report.put("rewards", extreme);
                }
                as(bot).contentType("application/json").header("Idempotency-Key", "r" + round).body(JSON.writeValueAsString(report))
                        .post("/api/markets/" + market + "/rounds/" + round + "/reports").then().statusCode(201);
            }
            BotLifecycleTest.awaitSettled(alice, market, round);
            as(alice).get("/api/markets/" + market + "/rounds/" + round + "/result").then().body("honestyGap", equalTo(0.0f));
            carolGap += ((Number) as(carol).get("/api/markets/" + market + "/rounds/" + round + "/result").then().statusCode(200)
                    .extract().path("honestyGap")).doubleValue();
        }
        return carolGap;
    }
}
