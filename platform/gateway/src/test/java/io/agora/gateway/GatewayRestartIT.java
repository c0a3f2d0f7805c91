package io.agora.gateway;

import io.agora.sdk.AgoraClient;
import io.agora.wire.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.ReportReceipt;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway killed mid-round (SIGKILL, as in a crash) and started again on the same data: the acknowledged report is
 * there, the round resumes with the same private types, and it clears once the other bot reports.
 */
class GatewayRestartIT {

    @Test
    void anAcknowledgedReportSurvivesACrashAndTheRoundClearsAfterRestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-it-").resolve("data");
        int port = GatewayProcess.freePort();
        String market;
        ClientCredentials alice;
        ClientCredentials bob;
        RoundView aliceRound;
        try (GatewayProcess first = GatewayProcess.start(data, port)) {
            AgoraClient admin = first.admin();
            market = admin.createMarket(new MarketCreate("restart", "affine-maximizer", Map.of("lambda", 1.0), new double[] {1, 2, 1},
                    2, 0, 120_000L, "truthful", null, 11L, null)).id();
            alice = admin.createClient("alice", "bot");
            bob = admin.createClient("bob", "bot");
            AgoraClient a = AgoraClient.local(first.url(), alice.clientId(), alice.clientSecret());
            AgoraClient b = AgoraClient.local(first.url(), bob.clientId(), bob.clientSecret());
            a.join(market);
            b.join(market);
            aliceRound = a.awaitRound(market, 0, Duration.ofSeconds(10));
            ReportReceipt receipt = a.submit(market, 1, aliceRound.type(), "alice-1");
            assertThat(receipt.round()).isEqualTo(1);
            first.kill();
        }

        try (GatewayProcess second = GatewayProcess.start(data, port)) {
            AgoraClient a = AgoraClient.local(second.url(), alice.clientId(), alice.clientSecret());
            AgoraClient b = AgoraClient.local(second.url(), bob.clientId(), bob.clientSecret());
            RoundView resumed = a.currentRound(market);
            assertThat(resumed.round()).isEqualTo(1);
            assertThat(resumed.reported()).isTrue();
            assertThat(resumed.type()).isEqualTo(aliceRound.type());
            // A retry of the acknowledged report after the crash is recognised, not stored twice.
            assertThat(a.submit(market, 1, aliceRound.type(), "alice-1").duplicate()).isTrue();

            RoundView bobRound = b.currentRound(market);
            b.submit(market, 1, bobRound.type(), "bob-1");
            assertThat(a.awaitRound(market, 1, Duration.ofSeconds(10)).round()).isEqualTo(2);
            SeatResult result = a.result(market, 1);
            assertThat(result.status()).isEqualTo(io.agora.wire.RoundStatus.CLEARED);
            assertThat(result.missed()).isFalse();
        }
    }

    /**
     * SIGKILL while reports are in flight: every report acknowledged before the kill is there after the restart, and
     * every bot's retry with its idempotency key (acknowledged or not) is taken exactly once, so the round clears
     * with no seat missing.
     */
    @Test
    void reportsAcknowledgedBeforeAKillMidFlightAreAllThereAfterRestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-inflight-").resolve("data");
        int port = GatewayProcess.freePort();
        int bots = 16;
        String market;
        java.util.List<ClientCredentials> creds = new java.util.ArrayList<>();
        java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> reports = new java.util.ArrayList<>();
        java.util.Set<Integer> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (GatewayProcess first = GatewayProcess.start(data, port)) {
            AgoraClient admin = first.admin();
            market = admin.createMarket(new MarketCreate("in-flight", "affine-maximizer", Map.of("lambda", 1.0), new double[] {1, 1, 1},
                    bots, 0, 300_000L, "truthful", null, 5L, null)).id();
            java.util.List<AgoraClient> clients = new java.util.ArrayList<>();
            for (int i = 0; i < bots; i++) {
                ClientCredentials c = admin.createClient("bot-" + i, "bot");
                creds.add(c);
                AgoraClient client = AgoraClient.local(first.url(), c.clientId(), c.clientSecret());
                client.join(market);
                clients.add(client);
            }
            for (AgoraClient client : clients) {
                RoundView round = client.awaitRound(market, 0, Duration.ofSeconds(20));
                reports.add(round.type());
            }
            java.util.concurrent.CountDownLatch firstAck = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < bots; i++) {
                int bot = i;
                clients.get(i).submitAsync(market, 1, reports.get(i), "report-" + i).whenComplete((receipt, error) -> {
                    if (error == null) {
                        acknowledged.add(bot);
                        firstAck.countDown();
                    }
                });
            }
            assertThat(firstAck.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            first.kill(); // the others are in flight: written, being written, or not yet read
        }
        assertThat(acknowledged).isNotEmpty();

        try (GatewayProcess second = GatewayProcess.start(data, port)) {
            for (int i = 0; i < bots; i++) {
                AgoraClient client = AgoraClient.local(second.url(), creds.get(i).clientId(), creds.get(i).clientSecret());
                RoundView now = client.currentRound(market);
                if (now.round() == 1 && acknowledged.contains(i)) {
                    assertThat(now.reported()).as("bot %d's acknowledged report", i).isTrue();
                }
                if (now.round() == 1) {
                    ReportReceipt retry = client.submit(market, 1, reports.get(i), "report-" + i);
                    if (acknowledged.contains(i)) {
                        assertThat(retry.duplicate()).as("bot %d's retry of an acknowledged report", i).isTrue();
                    }
                }
            }
            AgoraClient last = AgoraClient.local(second.url(), creds.get(0).clientId(), creds.get(0).clientSecret());
            assertThat(last.awaitRound(market, 1, Duration.ofSeconds(20)).round()).isEqualTo(2);
            for (int i = 0; i < bots; i++) {
                AgoraClient client = AgoraClient.local(second.url(), creds.get(i).clientId(), creds.get(i).clientSecret());
                assertThat(client.result(market, 1).missed()).as("bot %d missed round 1", i).isFalse();
            }
        }
    }

    /**
     * An online mechanism (a test plugin loaded through PF4J) keeps its state through a SIGKILL: its state after
     * each settled round is journaled, and the resumed market's mechanism starts from it, so round 3 after the
     * restart is priced as the third round, not as the first of a fresh instance.
     */
    @Test
    void anOnlineMechanismsStateSurvivesAKill() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-online-");
        Path data = root.resolve("data");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        try (var jars = Files.list(Path.of(System.getProperty("agora.plugins.dir")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        io.agora.runtime.testplugins.TestPlugins.onlinePlugin(plugins);
        int port = GatewayProcess.freePort();
        String market;
        ClientCredentials bot;
        try (GatewayProcess first = GatewayProcess.start(data, port, plugins)) {
            AgoraClient admin = first.admin();
            market = admin.createMarket(new MarketCreate("online", "online-counter", Map.of(), new double[] {1, 1},
                    1, 0, 120_000L, "truthful", null, 3L, null)).id();
            bot = admin.createClient("counter-bot", "bot");
            AgoraClient b = AgoraClient.local(first.url(), bot.clientId(), bot.clientSecret());
            b.join(market);
            for (int round = 1; round <= 2; round++) {
                RoundView view = b.awaitRound(market, round - 1, Duration.ofSeconds(10));
                b.submit(market, round, view.type(), "r" + round);
            }
            assertThat(b.awaitRound(market, 2, Duration.ofSeconds(10)).round()).isEqualTo(3);
            assertThat(b.result(market, 2).payment()).isEqualTo(io.agora.runtime.testplugins.OnlineCounterMechanism.STEP);
            first.kill();
        }
        try (GatewayProcess second = GatewayProcess.start(data, port, plugins)) {
            AgoraClient b = AgoraClient.local(second.url(), bot.clientId(), bot.clientSecret());
            RoundView view = b.awaitRound(market, 2, Duration.ofSeconds(10));
            assertThat(view.round()).isEqualTo(3);
            b.submit(market, 3, view.type(), "r3");
            b.awaitRound(market, 3, Duration.ofSeconds(10));
            assertThat(b.result(market, 3).payment()).isCloseTo(2 * io.agora.runtime.testplugins.OnlineCounterMechanism.STEP,
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
