package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.core.random.Seeds;
import io.agora.gateway.market.TypeSecret;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agora.runtime.market.TypeSeeds;
import io.agora.runtime.market.TypeSpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * What one bot can learn of another while a market runs: not its type, payment or utility. The leaderboard is
 * published to bots only once the market has ended, and types cannot be computed from a known seed.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PrivacyTest {
    /** Seed stream of the bot markets' types (Market's TYPES). */
    private static final long TYPES = 1;

    @Inject
    TypeSecret secret;

    @Test
    void theLeaderboardIsPublishedToBotsOnlyWhenTheMarketEnds() {
        String experimenter = Api.client("experimenter");
        String a = Api.client("bot");
        String b = Api.client("bot");
        String stranger = Api.client("bot");
        String market = Api.market(experimenter, 2, 2, 60_000);
        Api.join(a, market);
        Api.join(b, market);
        Api.awaitRound(a, market, 0);
        Api.report(a, market, 1, "a1", "{\"rewards\":[0.6,0.3,0.1],\"weight\":1}").then().statusCode(201);
        Api.report(b, market, 1, "b1", "{\"rewards\":[0.1,0.3,0.6],\"weight\":1}").then().statusCode(201);
        Api.awaitRound(a, market, 1);
        for (String bot : List.of(a, b, stranger)) {
            as(bot).get("/api/markets/" + market + "/leaderboard").then().statusCode(403)
                    .contentType("application/problem+json").body("field", equalTo("marketId"));
        }
        as(experimenter).get("/api/markets/" + market + "/leaderboard").then().statusCode(200).body("$", hasSize(2));
        Api.report(a, market, 2, "a2", "{\"rewards\":[0.6,0.3,0.1],\"weight\":1}").then().statusCode(201);
        Api.report(b, market, 2, "b2", "{\"rewards\":[0.1,0.3,0.6],\"weight\":1}").then().statusCode(201);
        awaitPhase(a, market, "finished");
        as(stranger).get("/api/markets/" + market + "/leaderboard").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void nothingABotCanReadWhileTheMarketRunsCarriesAnotherBotsTypeOrPayment() {
        String experimenter = Api.client("experimenter");
        String a = Api.client("bot");
        String b = Api.client("bot");
        String market = Api.market(experimenter, 2, 3, 60_000);
        Api.join(a, market);
        String seatB = Api.join(b, market);
        Api.awaitRound(a, market, 0);
        List<Double> typeB = numbers(as(b).get("/api/markets/" + market + "/rounds/current").asString(), "/type/rewards");
        Api.report(a, market, 1, "a1", "{\"rewards\":[0.5,0.3,0.2],\"weight\":1}").then().statusCode(201);
        Api.report(b, market, 1, "b1", "{\"rewards\":[0.1,0.2,0.7],\"weight\":1}").then().statusCode(201);
        Api.awaitRound(a, market, 1);
        List<Double> amounts = new ArrayList<>();
        for (JsonNode entry : json(as(experimenter).get("/api/markets/" + market + "/ledger").then().statusCode(200).extract().asString())) {
            if (entry.get("account").asText().equals("bot:" + botName(b))) {
                amounts.add(entry.get("amount").asDouble());
            }
        }
        assertThat(amounts).isNotEmpty();
        String m = "/api/markets/" + market;
        List<String> readable = new ArrayList<>();
        for (String path : List.of("/api/markets", m, m + "/rounds/current", m + "/rounds/1/result", m + "/rounds/2/result",
                m + "/leaderboard", m + "/ledger", "/api/ledger/me")) {
            readable.add(path + " -> " + as(a).get(path).asString());
        }
        String everything = String.join("\n", readable);
        for (double secret : concat(amounts, typeB)) {
            String digits = Double.toString(Math.abs(secret));
            assertThat(everything).as("B's payment or type").doesNotContain(digits.substring(0, Math.min(10, digits.length())));
        }
        assertThat(everything).doesNotContain(seatB).doesNotContain(botName(b));
        as(experimenter).post(m + "/close").then().statusCode(200);
    }

    @Test
    void typesCannotBeComputedFromTheSeedButTheOperatorCanReplayThem() {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String market = Api.market(experimenter, 1, 0, 60_000); // seed 42, known to everyone
        int index = as(bot).post("/api/markets/" + market + "/seats").then().statusCode(200).extract().path("index");
        String seat = as(bot).post("/api/markets/" + market + "/seats").then().extract().path("seat");
        int round = Api.awaitRound(bot, market, 0);
        List<Double> seen = numbers(as(bot).get("/api/markets/" + market + "/rounds/current").asString(), "/type/rewards");
        TypeSpec types = new TypeSpec(Normalization.SUM, 1, 1);
        ReportShape shape = ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-6),
                ReportComponent.number(Report.WEIGHT, "group size", 1, 100, true)); // affine-maximizer's
        OutcomeSpace three = OutcomeSpace.of(3);
        // What the open-source generator gives from the known seed alone (the seeds of earlier versions).
        Report fromSeedAlone = types.draw(seat, shape, three, Seeds.random(42, TYPES, round, index - 1)); // seat indices start at 1, draws at 0
        Report fromSeedDerived = types.draw(seat, shape, three, new SplittableRandom(TypeSeeds.derivedFrom(42).seed(round, index - 1)));
        Report replayed = types.draw(seat, shape, three, new SplittableRandom(secret.typeSeeds(market, 42).seed(round, index - 1)));
        assertThat(doubles(fromSeedDerived.rewards())).isNotEqualTo(seen);
        assertThat(doubles(fromSeedAlone.rewards())).isNotEqualTo(seen);
        assertThat(doubles(replayed.rewards())).isEqualTo(seen);
        as(experimenter).post("/api/markets/" + market + "/close").then().statusCode(200);
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Double> numbers(String body, String pointer) {
        List<Double> out = new ArrayList<>();
        json(body).at(pointer).forEach(n -> out.add(n.asDouble()));
        return out;
    }

    private static List<Double> concat(List<Double> a, List<Double> b) {
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Double> doubles(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    static void awaitPhase(String token, String market, String phase) {
        for (int i = 0; i < 200; i++) {
            if (phase.equals(as(token).get("/api/markets/" + market).then().extract().path("phase"))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("market " + market + " did not reach phase " + phase);
    }

    static String botName(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"azp\":\"([^\"]+)\".*", "$1");
    }
}
