package io.agora.runtime.market;

import io.agora.api.Normalization;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.runtime.system.AgoraSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
 * Bot markets as sharded entities on a one-node cluster: a market starts on its first message by loading itself, the
 * messages that arrive meanwhile wait, and a market that could not load tries again on the next message.
 */
class BotMarketEntityTest {
    private static final ActorSystem<Void> SYSTEM = AgoraSystem.singleNode(Behaviors.empty(), "entity-test", List.of(MarketSharding.ROLE));
    private static final MemoryJournal JOURNAL = new MemoryJournal();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<String, Integer> FAILURES_LEFT = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        BotMarketEntity.init(SYSTEM, new BotMarketEntity.Source() {
            @Override
            public CompletionStage<BotMarketEntity.Loaded> load(String marketId) {
                LOADS.incrementAndGet();
                if (FAILURES_LEFT.merge(marketId, -1, Integer::sum) >= 0) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the database is away"));
                }
                // Loading takes a while, so that the first messages arrive while the market is still loading.
                BotMarketSpec spec = new BotMarketSpec(marketId, Policy.uniform(2), 2, 0, Duration.ofMinutes(1), MissPolicy.ABSTAIN,
                        new TypeSpec(Normalization.SUM, 1, 1), TypeSeeds.derivedFrom(7), null);
                return CompletableFuture.supplyAsync(() -> new BotMarketEntity.Loaded(spec, TestMechanism.open(false),
                                new BotMarket.Recovered(new LinkedHashMap<>(), 0, List.of(), null, 0)),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            }

            @Override
            public MarketJournal journal() {
                return JOURNAL;
            }

            @Override
            public BotMarket.Listener listener() {
                return new BotMarket.Listener() {
                    @Override
                    public void roundOpened(String marketId, int round, Instant deadline, Map<String, Report> types) {
                    }

                    @Override
                    public void roundSettled(String marketId, SettledRound round) {
                    }

                    @Override
                    public void reportStored(String marketId, int round) {
                    }
                };
            }
        });
    }

    @AfterAll
    static void shutdown() {
        SYSTEM.terminate();
    }

    private static BotMarket.JoinReply join(EntityRef<BotMarket.Command> market, String bot, Duration wait) throws Exception {
        return market.<BotMarket.JoinReply>ask(replyTo -> new BotMarket.Join(bot, replyTo), wait).toCompletableFuture().get();
    }

    @Test
    void aMarketStartsOnItsFirstMessagesWhichWaitForItToLoad() throws Exception {
        EntityRef<BotMarket.Command> market = BotMarketEntity.ref(SYSTEM, "em-1");
        CompletionStage<BotMarket.JoinReply> first = market.ask(r -> new BotMarket.Join("ann", r), Duration.ofSeconds(20));
        CompletionStage<BotMarket.JoinReply> second = market.ask(r -> new BotMarket.Join("ben", r), Duration.ofSeconds(20));
        assertThat(((BotMarket.Joined) first.toCompletableFuture().get()).index()).isEqualTo(1);
        assertThat(((BotMarket.Joined) second.toCompletableFuture().get()).index()).isEqualTo(2);
        BotMarket.RoundView view = market.<BotMarket.RoundView>ask(r -> new BotMarket.GetView(null, r), Duration.ofSeconds(5))
                .toCompletableFuture().get();
        assertThat(view.round()).isEqualTo(1);
        assertThat(view.phase()).isEqualTo("collecting");
    }

    @Test
    void aMarketThatCannotLoadTriesAgainOnTheNextMessage() throws Exception {
        FAILURES_LEFT.put("em-2", 1);
        EntityRef<BotMarket.Command> market = BotMarketEntity.ref(SYSTEM, "em-2");
        int before = LOADS.get();
        assertThatThrownBy(() -> join(market, "cat", Duration.ofSeconds(2))).isInstanceOf(ExecutionException.class);
        BotMarket.JoinReply again = null;
        for (int attempt = 0; attempt < 10 && !(again instanceof BotMarket.Joined); attempt++) {
            try {
                again = join(market, "cat", Duration.ofSeconds(5));
            } catch (ExecutionException timedOut) {
                // the entity was still stopping; the next message starts it again
            }
        }
        assertThat(again).isInstanceOf(BotMarket.Joined.class);
        assertThat(LOADS.get() - before).isGreaterThanOrEqualTo(2);
    }
}
