package io.agora.gateway;

import io.agora.gateway.market.PgMarketJournal;
import io.agora.runtime.market.SettledRound;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * Settled rounds of several markets share one statement; a round that cannot be stored fails on its own and the
 * others are stored (each once).
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JournalWritesTest {
    @Inject
    PgMarketJournal journal;

    @Test
    void settledRoundsWrittenTogetherAreStoredEachOnceAndABadOneFailsAlone() throws Exception {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String[] markets = new String[3];
        String[] seats = new String[3];
        String botId = null;
        for (int i = 0; i < 3; i++) {
            markets[i] = Api.market(experimenter, 1, 0, 60_000);
            var seat = as(bot).post("/api/markets/" + markets[i] + "/seats").then().statusCode(200).extract();
            seats[i] = seat.path("seat");
            botId = seat.path("bot");
            Api.awaitRound(bot, markets[i], 0);
        }
        // Asked for at once: the first is written alone, the others wait and go into one statement with a round that
        // names no market, so that statement fails and each of its rounds is written again on its own.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writes.add(journal.roundSettled(markets[i], cleared(seats[i], botId, 0.25 * (i + 1)), 2).toCompletableFuture());
            if (i == 1) {
                writes.add(journal.roundSettled("m-0000000000", cleared("m-0000000000-s0", botId, 1.0), 2).toCompletableFuture());
            }
        }
        for (int i : new int[] {0, 1, 3}) {
            writes.get(i).get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> writes.get(2).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        for (int i = 0; i < 3; i++) {
            as(bot).get("/api/markets/" + markets[i] + "/rounds/1/result").then().statusCode(200)
                    .body("status", equalTo("cleared")).body("payment", equalTo(0.25f * (i + 1)));
        }
        // The ledger holds each payment once: the bot paid 0.25 + 0.5 + 0.75.
        List<Float> amounts = as(bot).get("/api/ledger/me").then().statusCode(200).extract().path("amount");
        assertThat(amounts).containsExactlyInAnyOrder(-0.25f, -0.5f, -0.75f);
        for (String m : markets) {
            as(experimenter).post("/api/markets/" + m + "/close").then().statusCode(200);
        }
    }

    private static SettledRound cleared(String seat, String bot, double payment) {
        return new SettledRound(1, new double[] {0.5, 0.25, 0.25}, null,
                List.of(new SettledRound.SeatResult(seat, bot, false, 1.0, payment, null)), null, List.of());
    }
}
