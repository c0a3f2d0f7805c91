package io.agora.runtime.market;

import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.AgoraSystem;
import io.agora.runtime.trainer.Trainer;
import io.agora.runtime.trainer.TrainingRule;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
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
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two cluster nodes in this JVM on loopback: the market is a sharded entity living on the node with the
 * market role, and the bots, the round's opener and every reply live on the other node, so every message of
 * the round crosses nodes through the CBOR serializer.
 */
class MarketClusterIT {
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
        MarketSharding.init(marketNode, host);
        MarketSharding.init(botNode, host);
        bots = ActorTestKit.create(botNode);
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
    void clearsRoundsOfAMarketHostedOnTheOtherNode() {
        EntityRef<Market.Command> market = MarketSharding.market(botNode, "p1-market");
        TestProbe<Market.Configured> configured = bots.createTestProbe();
        market.tell(new Market.Configure(new MarketSpec("affine-maximizer", Map.of("lambda", 1.0), new double[] {1, 1, 1}, 0,
                "truthful", false, 7L), configured.getRef()));
        assertThat(configured.receiveMessage(Duration.ofSeconds(30)).error()).isNull();

        TestProbe<Agent.Command> g1 = bots.createTestProbe();
        TestProbe<Agent.Command> g2 = bots.createTestProbe();
        market.tell(new Market.Seat("g1", g1.getRef(), false));
        market.tell(new Market.Seat("g2", g2.getRef(), false));
        Map<String, Report> types = new LinkedHashMap<>();
        types.put("g1", Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 3));
        types.put("g2", Report.ofRewards("g2", new double[] {0.1, 0.3, 0.6}, 7));
        TestProbe<Market.RoundEvent> events = bots.createTestProbe();
        TestProbe<Market.SubmitReply> replies = bots.createTestProbe();
        ActorRef<Trainer.Command> trainer = bots.spawn(Trainer.create(Policy.uniform(3), TrainingRule.ADOPT_OUTCOME));
        market.tell(new Market.AttachTrainer(trainer));

        for (int round = 0; round < 3; round++) {
            market.tell(new Market.OpenRound(round, types, Measure.NONE, events.getRef()));
            for (TestProbe<Agent.Command> bot : List.of(g1, g2)) {
                Agent.RoundOpened opened = (Agent.RoundOpened) bot.receiveMessage(Duration.ofSeconds(10));
                assertThat(opened.market().path().address()).isEqualTo(Cluster.get(marketNode).selfMember().address());
                assertThat(opened.context().fullInformation()).isEmpty();
                opened.market().tell(new Market.SubmitReport(opened.type().agent(), opened.round(), opened.type(), replies.getRef()));
                replies.expectMessage(Duration.ofSeconds(10), new Market.Accepted(round));
            }
            Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage(Duration.ofSeconds(10));
            assertThat(cleared.round()).isEqualTo(round);
            assertThat(cleared.result().policy().probabilities()).containsExactly(new double[] {0.099624, 0.164252, 0.736125}, within(1e-6));
            assertThat(cleared.payments()).containsExactly(new double[] {0.083698, 0.988429}, within(1e-6));
            Agent.RoundSettled mine = (Agent.RoundSettled) g1.receiveMessage(Duration.ofSeconds(10));
            assertThat(mine.round().payment()).isCloseTo(0.083698, within(1e-6));
            assertThat(mine.round().policy().probabilities()).containsExactly(new double[] {0.099624, 0.164252, 0.736125}, within(1e-6));
            assertThat(g2.receiveMessage(Duration.ofSeconds(10))).isInstanceOf(Agent.RoundSettled.class);
        }

        TestProbe<Market.Result> result = bots.createTestProbe();
        market.tell(new Market.GetResult(1, result.getRef()));
        Market.RoundCleared kept = (Market.RoundCleared) result.receiveMessage(Duration.ofSeconds(10)).event();
        assertThat(kept.payments()).containsExactly(new double[] {0.083698, 0.988429}, within(1e-6));

        // The trainer lives on the bots' node: every cleared round crossed over to train it.
        TestProbe<Trainer.CurrentPolicy> policy = bots.createTestProbe();
        trainer.tell(new Trainer.GetPolicy(policy.getRef()));
        Trainer.CurrentPolicy current = policy.receiveMessage(Duration.ofSeconds(10));
        assertThat(current.version()).isEqualTo(3);
        assertThat(current.policy().probabilities()).containsExactly(new double[] {0.099624, 0.164252, 0.736125}, within(1e-6));
    }
}
