package io.agora.runtime.market;

import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.AgoraSystem;
import io.agora.runtime.trainer.Trainer;
import io.agora.runtime.trainer.TrainingRule;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two cluster nodes in this JVM on loopback: the market is a sharded entity living on the node with the market role,
 * and the bots, the trainer and every reply live on the other node, so every message of the round crosses nodes
 * through the CBOR serializer.
 */
class MarketClusterIT {
    private static final Map<String, Object> PARAMS = Map.of("lambda", 1.0);
    private static final MemoryJournal JOURNAL = new MemoryJournal();
    private static PluginHost host;
    private static ActorSystem<Void> marketNode;
    private static ActorSystem<Void> botNode;
    private static ActorTestKit bots;

    @BeforeAll
    static void startTwoNodes() throws InterruptedException {
        host = PluginHost.load(Path.of(System.getProperty(PluginHost.PLUGINS_DIR_PROPERTY)));
        marketNode = AgoraSystem.singleNode(Behaviors.empty(), "agora", List.of(MarketSharding.ROLE));
        botNode = ActorSystem.create(Behaviors.empty(), "agora", AgoraSystem.clusterConfig(0, List.of()));
        Cluster.get(botNode).manager().tell(Join.create(Cluster.get(marketNode).selfMember().address()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(allUp(marketNode) && allUp(botNode))) {
            assertThat(System.nanoTime()).as("cluster formed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        MarketSharding.Source source = new MarketSharding.Source() {
            @Override
            public CompletionStage<MarketSharding.Stored> load(String marketId) {
                return CompletableFuture.completedFuture(new MarketSharding.Stored(rules(marketId), null,
                        new Market.Recovered(new LinkedHashMap<>(), 0, List.of(), null, 0)));
            }

            @Override
            public MarketJournal journal() {
                return JOURNAL;
            }

            @Override
            public Market.Listener listener() {
                return Market.Listener.NONE;
            }
        };
        MarketSharding.init(marketNode, host, source);
        MarketSharding.init(botNode, host, source); // a proxy: this node has no market role
        bots = ActorTestKit.create(botNode);
    }

    private static MarketRules rules(String marketId) {
        return MarketRules.forBots(marketId, new MarketRules.MechanismChoice("affine-maximizer", PARAMS, 7), Policy.uniform(3), List.of(), null, 2, 3,
                Duration.ofMinutes(1), MissPolicy.ABSTAIN, TypeSpec.asDeclared(1, 5), TypeSeeds.derivedFrom(11), null);
    }

    private static boolean allUp(ActorSystem<?> system) {
        var members = StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false).toList();
        return members.size() == 2 && members.stream().allMatch(m -> m.status() == MemberStatus.up());
    }

    @AfterAll
    static void stop() {
        bots.shutdownTestKit();
        marketNode.terminate();
        marketNode.getWhenTerminated().toCompletableFuture().join();
        host.close();
    }

    @Test
    void botsOnOneNodePlayAMarketHostedOnTheOther() {
        EntityRef<Market.Command> market = MarketSharding.ref(botNode, "p1-market");
        TestProbe<ActorRef<Market.Command>> located = bots.createTestProbe();
        market.tell(new Market.Locate(located.getRef()));
        assertThat(located.receiveMessage(Duration.ofSeconds(30)).path().address())
                .isEqualTo(Cluster.get(marketNode).selfMember().address());
        ActorRef<Trainer.Command> trainer = bots.spawn(Trainer.create(Policy.uniform(3), TrainingRule.ADOPT_OUTCOME));
        market.tell(new Market.AttachTrainer(trainer));
        TestProbe<Market.JoinReply> joined = bots.createTestProbe();
        market.tell(new Market.Join("ann", joined.getRef()));
        market.tell(new Market.Join("ben", joined.getRef()));
        List<String> seats = List.of(((Market.Joined) joined.receiveMessage(Duration.ofSeconds(10))).seat(),
                ((Market.Joined) joined.receiveMessage(Duration.ofSeconds(10))).seat());
        GuardedMechanism here = GuardedMechanism.open(host.mechanism("affine-maximizer", "mechanism"), PARAMS,
                MechanismContext.of("p1-market", 7));

        RoundResult last = null;
        for (int round = 1; round <= 3; round++) {
            TestProbe<Market.RoundView> views = bots.createTestProbe();
            TestProbe<Market.SubmitReply> replies = bots.createTestProbe();
            List<Report> truthful = new java.util.ArrayList<>();
            for (String seat : seats) {
                market.tell(new Market.AwaitRound(seat, round - 1, views.getRef()));
                Market.RoundView view = views.receiveMessage(Duration.ofSeconds(10));
                assertThat(view.round()).isEqualTo(round);
                truthful.add(view.type());
            }
            for (Report type : truthful) {
                market.tell(new Market.Submit(type.agent(), round, new ReceivedReport(type.agent(), "k" + round, "h", "{}", type),
                        replies.getRef()));
                assertThat(replies.receiveMessage(Duration.ofSeconds(10))).isEqualTo(new Market.Acknowledged(round, false));
            }
            // The market node cleared exactly what this node computes from the same reports.
            last = here.clear(new RoundInput(round, OutcomeSpace.of(3), Policy.uniform(3), truthful));
            SettledRound settled = awaitSettled(round);
            assertThat(settled.policy()).containsExactly(last.policy().probabilities(), within(1e-12));
            for (int i = 0; i < 2; i++) {
                assertThat(settled.seats().get(i).payment()).isCloseTo(last.paymentOf(seats.get(i)), within(1e-12));
            }
        }

        TestProbe<Market.Result> result = bots.createTestProbe();
        market.tell(new Market.GetResult(3, result.getRef()));
        Market.RoundCleared kept = (Market.RoundCleared) result.receiveMessage(Duration.ofSeconds(10)).event();
        assertThat(kept.result().policy().probabilities()).containsExactly(last.policy().probabilities(), within(1e-12));

        // The trainer lives on the bots' node: every cleared round crossed over to train it.
        TestProbe<Trainer.CurrentPolicy> policy = bots.createTestProbe();
        trainer.tell(new Trainer.GetPolicy(policy.getRef()));
        Trainer.CurrentPolicy current = policy.receiveMessage(Duration.ofSeconds(10));
        assertThat(current.version()).isEqualTo(3);
        assertThat(current.policy().probabilities()).containsExactly(last.policy().probabilities(), within(1e-12));
    }

    private static SettledRound awaitSettled(int round) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            for (SettledRound s : JOURNAL.settled) {
                if (s.round() == round) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("round " + round + " was not settled in time");
    }
}
