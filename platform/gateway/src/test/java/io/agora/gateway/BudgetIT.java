package io.agora.gateway;

import io.agora.runtime.testplugins.TestPlugins;
import io.agora.sdk.AgoraClient;
import io.agora.wire.ClientCredentials;
import io.agora.wire.LedgerEntry;
import io.agora.wire.MarketCreate;
import io.agora.wire.RoundStatus;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payments that flow from the market to agents, out of a budget: the budget is a ledger entry, the market's entries
 * sum to zero, a round that would overspend fails with the reason, and what is left survives a SIGKILL.
 */
class BudgetIT {

    @Test
    void aMarketPaysOutOfItsBudgetAndStopsWhereItEnds() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "budget-it-");
        Path data = root.resolve("data");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        TestPlugins.payoutPlugin(plugins);
        int port = GatewayProcess.freePort();
        String market;
        ClientCredentials supplier;
        try (GatewayProcess first = GatewayProcess.start(data, port, plugins)) {
            AgoraClient admin = first.admin();
            // Price 0.4 a round from a budget of 1.0: rounds 1 and 2 are paid, round 3 would overspend.
            market = admin.createMarket(new MarketCreate("buyer", "payout", Map.of("price", 0.4), new double[] {1, 1},
                    1, 0, 120_000L, "truthful", null, 9L, 1.0)).id();
            assertThatThrownBy(() -> admin.createMarket(new MarketCreate("broke", "payout", Map.of("price", 0.4), new double[] {1, 1},
                    1, 0, 120_000L, "truthful", null, 9L, 0.0))).isInstanceOfSatisfying(io.agora.sdk.AgoraException.class,
                    e -> assertThat(e.getMessage()).contains("budget").contains("every round would fail"));
            supplier = admin.createClient("supplier", "bot");
            AgoraClient bot = AgoraClient.local(first.url(), supplier.clientId(), supplier.clientSecret());
            bot.join(market);
            for (int round = 1; round <= 3; round++) {
                play(bot, market, round);
            }
            assertThat(bot.result(market, 1).payment()).isEqualTo(-0.4);
            assertThat(bot.result(market, 2).payment()).isEqualTo(-0.4);
            SeatResult third = bot.result(market, 3);
            assertThat(third.status()).isEqualTo(RoundStatus.FAILED);
            assertThat(third.failure()).contains("budget").contains("more than");
            List<LedgerEntry> ledger = admin.marketLedger(market);
            assertThat(ledger).extracting(LedgerEntry::account).contains("funding:admin", "market:" + market);
            assertThat(ledger.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0");
            assertThat(bot.myLedger().stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.8");
            first.kill();
        }
        try (GatewayProcess second = GatewayProcess.start(data, port, plugins)) {
            // 0.2 is left after the restart, not the whole budget: round 4 would overspend too.
            AgoraClient bot = AgoraClient.local(second.url(), supplier.clientId(), supplier.clientSecret());
            play(bot, market, 4);
            assertThat(bot.result(market, 4).status()).isEqualTo(RoundStatus.FAILED);
        }
    }

    private static void play(AgoraClient bot, String market, int round) {
        RoundView view = bot.awaitRound(market, round - 1, Duration.ofSeconds(10));
        assertThat(view.round()).isEqualTo(round);
        bot.submit(market, round, view.type(), "r" + round);
        bot.awaitRound(market, round, Duration.ofSeconds(10));
    }
}
