package io.agora.runtime.market;

import io.agora.api.Policy;

import io.agora.api.Report;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.AgoraSystem;
import io.agora.runtime.testplugins.OnlineCounterMechanism;
import io.agora.runtime.testplugins.TestPlugins;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bot markets as sharded entities on a one-node cluster: a market starts on its first message by loading itself and
 * opening its mechanism from the node's plugin host (a real plugin jar), the messages that arrive meanwhile wait, a
 * market that could not load tries again on the next message, and a stored market resumes with its mechanism's state
 * and its stored reports.
 */
class MarketShardingTest {
    private static final ActorSystem<Void> SYSTEM = AgoraSystem.singleNode(Behaviors.empty(), "entity-test", List.of(MarketSharding.ROLE));
    private static final MemoryJournal JOURNAL = new MemoryJournal();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<String, Integer> FAILURES_LEFT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, MarketSharding.Stored> STORED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final PluginHost HOST;

    static {
        try {
            Path plugins = Files.createTempDirectory("entity-test-plugins");
            TestPlugins.onlinePlugin(plugins);
            HOST = PluginHost.load(plugins);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MarketSharding.init(SYSTEM, HOST, new MarketSharding.Source() {
            @Override
            public CompletionStage<MarketSharding.Stored> load(String marketId) {
                LOADS.incrementAndGet();
                if (FAILURES_LEFT.merge(marketId, -1, Integer::sum) >= 0) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the database is away"));
                }
                MarketSharding.Stored stored = STORED.getOrDefault(marketId, new MarketSharding.Stored(rules(marketId), null,
                        new Market.Recovered(new LinkedHashMap<>(), 0, List.of(), null, 0)));
                // Loading takes a while, so that the first messages arrive while the market is still loading.
                return CompletableFuture.supplyAsync(() -> stored, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            }

            @Override
            public MarketJournal journal() {
                return JOURNAL;
            }

            @Override
            public Market.Listener listener() {
                return SelfDrivenMarketTest.QUIET;
            }
        });
    }

    @AfterAll
    static void shutdown() {
        SYSTEM.terminate();
        HOST.close();
    }

    private static MarketRules rules(String marketId) {
        return MarketRules.forBots(marketId, new MarketRules.MechanismChoice("online-counter", Map.of(), 1), Policy.uniform(2), List.of(), null, 2, 0,
                Duration.ofMinutes(1), MissPolicy.ABSTAIN, TypeSpec.asDeclared(1, 1), TypeSeeds.derivedFrom(7), null);
    }

    private static Market.JoinReply join(EntityRef<Market.Command> market, String bot, Duration wait) throws Exception {
        return market.<Market.JoinReply>ask(replyTo -> new Market.Join(bot, replyTo), wait).toCompletableFuture().get();
    }

    @Test
    void aMarketStartsOnItsFirstMessagesWhichWaitForItToLoad() throws Exception {
        EntityRef<Market.Command> market = MarketSharding.ref(SYSTEM, "em-1");
        CompletionStage<Market.JoinReply> first = market.ask(r -> new Market.Join("ann", r), Duration.ofSeconds(20));
        CompletionStage<Market.JoinReply> second = market.ask(r -> new Market.Join("ben", r), Duration.ofSeconds(20));
        assertThat(((Market.Joined) first.toCompletableFuture().get()).index()).isEqualTo(1);
        assertThat(((Market.Joined) second.toCompletableFuture().get()).index()).isEqualTo(2);
        Market.RoundView view = market.<Market.RoundView>ask(r -> new Market.GetView(null, r), Duration.ofSeconds(5))
                .toCompletableFuture().get();
        assertThat(view.round()).isEqualTo(1);
        assertThat(view.phase()).isEqualTo("collecting");
    }

    @Test
    void aMarketThatCannotLoadTriesAgainOnTheNextMessage() throws Exception {
        FAILURES_LEFT.put("em-2", 1);
        EntityRef<Market.Command> market = MarketSharding.ref(SYSTEM, "em-2");
        int before = LOADS.get();
        assertThatThrownBy(() -> join(market, "cat", Duration.ofSeconds(2))).isInstanceOf(ExecutionException.class);
        Market.JoinReply again = null;
        for (int attempt = 0; attempt < 10 && !(again instanceof Market.Joined); attempt++) {
            try {
                again = join(market, "cat", Duration.ofSeconds(5));
            } catch (ExecutionException timedOut) {
                // the entity was still stopping; the next message starts it again
            }
        }
        assertThat(again).isInstanceOf(Market.Joined.class);
        assertThat(LOADS.get() - before).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStoredMarketResumesWithItsMechanismsStateAndItsStoredReports() throws Exception {
        String id = "em-3";
        Map<String, String> seats = new LinkedHashMap<>();
        seats.put(id + "-s1", "ann");
        seats.put(id + "-s2", "ben");
        String body = "{\"rewards\":[0.5,0.5],\"weight\":1}";
        // The online mechanism had settled 2 rounds (its snapshot), and ann had reported in round 3 before the restart.
        STORED.put(id, new MarketSharding.Stored(rules(id), "2", new Market.Recovered(seats, 3,
                List.of(new MarketJournal.ReceivedReport(id + "-s1", "k1", "h1", body, null)), null, 0)));
        EntityRef<Market.Command> market = MarketSharding.ref(SYSTEM, id);
        Market.RoundView ann = market.<Market.RoundView>ask(r -> new Market.GetView(id + "-s1", r), Duration.ofSeconds(10))
                .toCompletableFuture().get();
        assertThat(ann.round()).isEqualTo(3);
        assertThat(ann.reported()).isTrue();

        Report benReport = Report.ofRewards(id + "-s2", new double[] {0.5, 0.5}, 1);
        Market.SubmitReply reply = market.<Market.SubmitReply>ask(r -> new Market.Submit(id + "-s2", 3,
                new MarketJournal.ReceivedReport(id + "-s2", "k2", "h2", body, benReport), r), Duration.ofSeconds(10)).toCompletableFuture().get();
        assertThat(reply).isInstanceOf(Market.Acknowledged.class);
        SettledRound settled = null;
        for (int i = 0; i < 100 && settled == null; i++) {
            settled = JOURNAL.settled.stream().filter(s -> s.seats().get(0).seat().startsWith(id)).findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertThat(settled).isNotNull();
        assertThat(settled.round()).isEqualTo(3);
        // Priced as the third round the mechanism settles, not the first of a fresh instance.
        assertThat(settled.seats()).extracting(SettledRound.SeatResult::payment)
                .containsExactly(2 * OnlineCounterMechanism.STEP, 2 * OnlineCounterMechanism.STEP);
    }
}
