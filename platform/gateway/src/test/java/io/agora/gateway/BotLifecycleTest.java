package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A whole market played by two bots over real HTTP, tokens and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BotLifecycleTest {

    @Test
    void twoBotsPlayAMarketToTheEnd() throws Exception {
        String experimenter = Api.client("experimenter");
        String alice = Api.client("bot");
        String bob = Api.client("bot");
        String market = Api.market(experimenter, 2, 2, 5000);
        as(alice).get("/api/markets/" + market).then().statusCode(200).body("phase", equalTo("waiting-for-seats"));
        String aliceSeat = Api.join(alice, market);
        String bobSeat = Api.join(bob, market);
        assertThat(Api.join(alice, market)).isEqualTo(aliceSeat); // joining again answers the same seat

        for (int round = 1; round <= 2; round++) {
            assertThat(Api.awaitRound(alice, market, round - 1)).isEqualTo(round);
            List<Float> aliceType = as(alice).get("/api/markets/" + market + "/rounds/current").then().statusCode(200)
                    .body("type.rewards.size()", equalTo(3)).body("phase", equalTo("collecting")).extract().path("type.rewards");
            List<Float> bobType = as(bob).get("/api/markets/" + market + "/rounds/current").then().extract().path("type.rewards");
            assertThat(aliceType).isNotEqualTo(bobType); // each bot sees its own private type
            Api.report(alice, market, round, "a" + round, "{\"rewards\":[0.6,0.3,0.1],\"weight\":1}").then().statusCode(201)
                    .body("seat", equalTo(aliceSeat)).body("round", equalTo(round));
            Api.report(bob, market, round, "b" + round, "{\"rewards\":[0.1,0.3,0.6],\"weight\":1}").then().statusCode(201)
                    .body("seat", equalTo(bobSeat));
            awaitSettled(alice, market, round);
        }

        as(alice).get("/api/markets/" + market + "/rounds/1/result").then().statusCode(200)
                .body("seat", equalTo(aliceSeat)).body("status", equalTo("cleared")).body("policy.size()", equalTo(3))
                .body("payment", notNullValue()).body("utility", notNullValue());
        as(bob).get("/api/markets/" + market + "/rounds/2/result").then().statusCode(200).body("seat", equalTo(bobSeat));
        as(alice).get("/api/markets/" + market).then().body("phase", equalTo("finished")).body("round", equalTo(2));
        as(alice).get("/api/markets/" + market + "/leaderboard").then().statusCode(200).body("size()", equalTo(2))
                .body("[0].rank", equalTo(1)).body("[0].rounds", equalTo(2));

        String ledger = as(experimenter).get("/api/markets/" + market + "/ledger").then().statusCode(200).extract().asString();
        List<BigDecimal> amounts = new ArrayList<>();
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(ledger)
                .forEach(entry -> amounts.add(entry.get("amount").decimalValue()));
        assertThat(amounts).hasSize(8); // two payments a round, two entries each
        BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum.signum()).isZero();
        List<String> mine = as(alice).get("/api/ledger/me").then().statusCode(200).extract().jsonPath().getList("account");
        assertThat(mine).hasSize(2).allMatch(a -> a.startsWith("bot:"));
    }

    @Test
    void aRetriedReportIsAcknowledgedOnceAndAMissedSeatGetsTheMissPolicy() {
        String experimenter = Api.client("experimenter");
        String alice = Api.client("bot");
        String bob = Api.client("bot");
        String market = Api.market(experimenter, 2, 1, 1500);
        Api.join(alice, market);
        Api.join(bob, market);
        Api.awaitRound(alice, market, 0);
        String body = "{\"rewards\":[0.5,0.25,0.25],\"weight\":1}";
        Api.report(alice, market, 1, "same", body).then().statusCode(201).body("duplicate", equalTo(false));
        Api.report(alice, market, 1, "same", body).then().statusCode(200).body("duplicate", equalTo(true));

        awaitSettled(alice, market, 1);
        as(bob).get("/api/markets/" + market + "/rounds/1/result").then().statusCode(200).body("missed", equalTo(true));
        as(alice).get("/api/markets/" + market + "/rounds/1/result").then().statusCode(200).body("missed", equalTo(false));
    }

    static void awaitSettled(String bot, String market, int round) {
        long until = System.currentTimeMillis() + 10_000;
        while (as(bot).get("/api/markets/" + market + "/rounds/" + round + "/result").statusCode() != 200) {
            assertThat(System.currentTimeMillis()).as("round %d settles", round).isLessThan(until);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
