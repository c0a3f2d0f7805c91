package io.agora.gateway;

import io.agora.gateway.boot.Database;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.AgoraException;
import io.agora.wire.ClientCredentials;
import io.agora.wire.ClusterView;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketPhase;
import io.agora.wire.RoundView;
import io.agora.wire.SeatView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateway JVMs on loopback share one PostgreSQL and form a Pekko cluster; online-weighting markets (whose weights
 * are the mechanism's state) are sharded over them. Bots play through two of the nodes, one of them slowly so that
 * rounds are open with acknowledged reports in them. The third node, which hosts markets, is SIGKILLed mid-round. Its
 * markets move to the survivors and finish; every acknowledged report counts in its round, every market's ledger sums
 * to zero, and every market's weights move from round to round by at most one step of the update (a market whose
 * state were lost would jump back to equal weights).
 */
class ClusterKillIT {
    private static final int MARKETS = 6;
    private static final int ROUNDS = 10;
    private static final double ETA = 0.5;

    /** A report a node acknowledged. */
    private record Ack(String market, int round, String seat) {
    }

    @Test
    void aKilledNodesMarketsMoveAndLoseNothing() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-");
        Path plugins = Path.of(System.getProperty("agora.plugins.dir"));
        try (Database db = Database.embedded(root.resolve("pg"))) {
            db.migrate();
            int[] artery = {GatewayProcess.freePort(), GatewayProcess.freePort(), GatewayProcess.freePort()};
            String seeds = "127.0.0.1:" + artery[0];
            // The settings a deployment gives every node (deploy/compose.yaml and deploy/k8s name the same keys).
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            List<String> values = List.of("PT3S", db.password(), java.util.HexFormat.of().formatHex(key));
            Map<String, String> env = new LinkedHashMap<>();
            for (int k = 0; k < DeploymentKeys.NODE_ENV.size(); k++) {
                env.put(DeploymentKeys.NODE_ENV.get(k), values.get(k));
            }
            List<GatewayProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Path data = root.resolve("node" + (i + 1));
                    if (i > 0) { // one deployment: the same issuer key and admin credentials on every node (local mode)
                        for (String file : List.of("issuer/private-key.pem", "admin-credentials.json")) {
                            Path to = data.resolve(file);
                            Files.createDirectories(to.getParent());
                            Files.copy(root.resolve("node1").resolve(file), to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    List<String> options = List.of(db.reactiveUrl(), db.user(), Integer.toString(artery[i]), seeds);
                    List<String> args = new ArrayList<>();
                    for (int k = 0; k < DeploymentKeys.NODE_OPTIONS.size(); k++) {
                        args.add(DeploymentKeys.NODE_OPTIONS.get(k));
                        args.add(options.get(k));
                    }
                    nodes.add(GatewayProcess.start(data, GatewayProcess.freePort(), plugins, env, args.toArray(String[]::new)));
                }
                AgoraClient admin = nodes.get(0).admin();
                awaitMembers(admin, 3);

                List<String> markets = new ArrayList<>();
                for (int m = 0; m < MARKETS; m++) {
                    markets.add(nodes.get(m % 3).admin().createMarket(new MarketCreate("p2-" + m, "online-weighting",
                            Map.of("eta", ETA, "noise", List.of(0.05, 0.45)), new double[] {1, 1}, 2, ROUNDS, 20_000L, null, null,
                            (long) m, null, null, null, null)).id());
                }
                Map<String, Integer> hostOf = hosts(nodes, markets);
                assertThat(hostOf.values()).as("markets are sharded over the nodes").contains(1, 2);
                int victim = Collections.frequency(hostOf.values(), 1) >= Collections.frequency(hostOf.values(), 2) ? 1 : 2;
                GatewayProcess survivor = nodes.get(3 - victim);

                List<CompletableFuture<List<Ack>>> players = new ArrayList<>();
                for (int m = 0; m < MARKETS; m++) {
                    String market = markets.get(m);
                    for (int b = 0; b < 2; b++) {
                        ClientCredentials c = admin.createClient("bot-" + m + "-" + b, "bot");
                        // Bots talk to the first node and the survivor, never the victim: any node serves any market.
                        GatewayProcess via = b == 0 ? nodes.get(0) : survivor;
                        long delay = b == 0 ? 0 : 700;
                        players.add(CompletableFuture.supplyAsync(() -> play(AgoraClient.local(via.url(), c.clientId(), c.clientSecret()),
                                market, delay)));
                    }
                }
                awaitSettledRounds(db, markets, 3);
                java.sql.Timestamp killedAt;
                try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    ResultSet now = sql.createStatement().executeQuery("select now()");
                    now.next();
                    killedAt = now.getTimestamp(1);
                }
                nodes.get(victim).kill();
                List<String> moved = hostOf.entrySet().stream().filter(e -> e.getValue() == victim).map(Map.Entry::getKey).toList();

                List<Ack> acks = new ArrayList<>();
                for (CompletableFuture<List<Ack>> p : players) {
                    acks.addAll(p.get(240, TimeUnit.SECONDS));
                }
                for (String market : markets) {
                    assertThat(admin.market(market).phase()).as("market %s finished", market).isEqualTo(MarketPhase.FINISHED);
                }
                List<String> runningOnSurvivors = new ArrayList<>(nodes.get(0).admin().cluster().markets());
                runningOnSurvivors.addAll(survivor.admin().cluster().markets());
                assertThat(runningOnSurvivors).as("the killed node's markets run on the survivors").containsAll(moved);
                try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    for (Ack ack : acks) {
                        ResultSet r = sql.createStatement().executeQuery("select r.status, s.missed from rounds r left join seat_results s "
                                + "on s.market_id = r.market_id and s.round = r.round and s.seat_id = '" + ack.seat() + "' where r.market_id = '"
                                + ack.market() + "' and r.round = " + ack.round());
                        assertThat(r.next()).as("round %d of %s settled", ack.round(), ack.market()).isTrue();
                        if ("cleared".equals(r.getString(1))) {
                            assertThat(r.getBoolean(2)).as("acknowledged report of %s counts", ack).isFalse();
                        }
                    }
                    // Mid-round: a report acknowledged before the kill, in a round of a moved market that settled after it, counts.
                    java.sql.PreparedStatement midRound = sql.prepareStatement("select count(*) from reports p join rounds r on "
                            + "r.market_id = p.market_id and r.round = p.round join seat_results s on s.market_id = p.market_id "
                            + "and s.round = p.round and s.seat_id = p.seat_id where p.market_id = any(?) and p.received_at < ? "
                            + "and r.settled_at > ? and r.status = 'cleared' and not s.missed");
                    midRound.setArray(1, sql.createArrayOf("varchar", moved.toArray()));
                    midRound.setTimestamp(2, killedAt);
                    midRound.setTimestamp(3, killedAt);
                    ResultSet across = midRound.executeQuery();
                    across.next();
                    assertThat(across.getInt(1)).as("reports acknowledged before the kill in rounds that cleared after it").isPositive();
                    ResultSet sums = sql.createStatement().executeQuery("select market_id, sum(amount) from ledger_entries group by market_id");
                    while (sums.next()) {
                        assertThat(sums.getBigDecimal(2).compareTo(BigDecimal.ZERO)).as("ledger of %s", sums.getString(1)).isZero();
                    }
                    for (String market : markets) {
                        ResultSet states = sql.createStatement().executeQuery("select round, mechanism_state from rounds where market_id = '"
                                + market + "' and mechanism_state is not null order by round");
                        Map<String, Double> before = null;
                        int count = 0;
                        while (states.next()) {
                            Map<String, Double> now = weights(states.getString(2));
                            if (before != null) {
                                for (Map.Entry<String, Double> w : now.entrySet()) {
                                    double was = before.get(w.getKey());
                                    assertThat(Math.abs(w.getValue() - was)).as("weight of %s in %s, round %d", w.getKey(), market,
                                            states.getInt(1)).isLessThanOrEqualTo(ETA * was + 1e-12);
                                }
                            }
                            before = now;
                            count++;
                        }
                        assertThat(count).isEqualTo(ROUNDS);
                    }
                }
                assertThat(acks).hasSizeGreaterThan(MARKETS * ROUNDS); // most rounds got both reports
            } finally {
                for (GatewayProcess node : nodes) {
                    node.close();
                }
            }
        }
    }

    /** Plays truthfully to the end, after {@code delayMillis} each round; returns what was acknowledged. */
    private static List<Ack> play(AgoraClient client, String market, long delayMillis) {
        SeatView seat = client.join(market);
        List<Ack> acks = new ArrayList<>();
        int last = 0;
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < until) {
            RoundView view;
            try {
                view = client.awaitRound(market, last, Duration.ofSeconds(10));
            } catch (RuntimeException e) { // 503 after the SDK's retries, or a connection lost: a market on its way to another node
                pause(300);
                continue;
            }
            if (view.over()) {
                return acks;
            }
            if (!view.collecting() || view.round() <= last) {
                continue;
            }
            if (!view.reported()) {
                pause(delayMillis);
                try {
                    client.submit(market, view.round(), view.type(), seat.seat() + "-r" + view.round());
                    acks.add(new Ack(market, view.round(), seat.seat()));
                } catch (AgoraException e) {
                    if (e.status() != 409) { // 409: too late for that round
                        pause(300);
                        continue;
                    }
                } catch (RuntimeException e) { // not acknowledged: it may be stored or not; try again
                    pause(300);
                    continue;
                }
            }
            last = view.round();
        }
        throw new AssertionError("market " + market + " did not finish");
    }

    private static Map<String, Double> weights(String snapshot) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String row : snapshot.split("\n")) {
            if (!row.isEmpty()) {
                String[] f = row.split("\t");
                w.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return w;
    }

    /** Which node (index) runs each market, once each has started somewhere. */
    private static Map<String, Integer> hosts(List<GatewayProcess> nodes, List<String> markets) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Integer> hostOf = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                for (String id : nodes.get(i).admin().cluster().markets()) {
                    hostOf.put(id, i);
                }
            }
            if (hostOf.keySet().containsAll(markets) || System.nanoTime() > until) {
                return hostOf;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitMembers(AgoraClient admin, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ClusterView view = admin.cluster();
        while (view.members().stream().filter(m -> m.status().equals("up")).count() < count) {
            assertThat(System.nanoTime()).as("%d members up: %s", count, view.members()).isLessThan(until);
            Thread.sleep(200);
            view = admin.cluster();
        }
    }

    private static void awaitSettledRounds(Database db, List<String> markets, int rounds) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            while (true) {
                ResultSet r = sql.createStatement().executeQuery("select min(n) from (select count(*) n from rounds group by market_id) t");
                if (r.next() && r.getInt(1) >= rounds && r.getInt(1) > 0) {
                    return;
                }
                assertThat(System.nanoTime()).as("every market settled %d rounds", rounds).isLessThan(until);
                Thread.sleep(100);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
