package io.agora.runtime.market;

import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.Installed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The market's round lifecycle, deadlines, miss policies and fault isolation, one behaviour per test. */
class MarketTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final AtomicInteger IDS = new AtomicInteger();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static StrategyPolicy strategy(StrategyInstance instance) {
        return new StrategyPolicy() {
            @Override
            public String id() {
                return "scripted";
            }

            @Override
            public String description() {
                return "scripted";
            }

            @Override
            public ParameterSchema parameters() {
                return ParameterSchema.of();
            }

            @Override
            public StrategyInstance create(Parameters params, long seed) {
                return instance;
            }
        };
    }

    private static final StrategyInstance TRUTHFUL = (type, context) -> type;

    private static GuardedMechanism mechanism(boolean fail) {
        return TestMechanism.open(fail);
    }

    private static ActorRef<Market.Command> market(Duration deadline, MissPolicy miss, boolean fail) {
        MarketRules rules = MarketRules.hosted("m" + IDS.incrementAndGet(), Policy.uniform(2), deadline, miss, false, false);
        return KIT.spawn(Market.hosted(rules, mechanism(fail)));
    }

    private static void seatHosted(ActorRef<Market.Command> market, String agent, StrategyInstance instance) {
        GuardedStrategy.Factory factory = GuardedStrategy.prepare(new Installed<>("test-plugin", strategy(instance)), Map.of());
        market.tell(new Market.Seat(agent, KIT.spawn(Agent.create(agent, factory, 1)), false));
    }

    private static Map<String, Report> types(String... agents) {
        Map<String, Report> types = new LinkedHashMap<>();
        for (String a : agents) {
            types.put(a, Report.ofRewards(a, new double[] {0.5, 0.5}, 2));
        }
        return types;
    }

    @Test
    void aMarketThatPaysAgentsStopsAtItsBudgetBeforeTheMechanismSettles() {
        MarketRules rules = new MarketRules("m" + IDS.incrementAndGet(), null, Policy.uniform(2), List.of(), null, null, MissPolicy.TRUTHFUL, false,
                false, 0, 0, null, null, 1.0);
        GuardedMechanism paying = GuardedMechanism.open(new Installed<>("test-plugin", new TestMechanism()),
                Map.of("fail", false, "price", -0.2), io.agora.api.MechanismContext.of("m", 1));
        ActorRef<Market.Command> market = KIT.spawn(Market.hosted(rules, paying));
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        // Weight 2 at -0.2 per unit: the market pays 0.4 a round, so the budget of 1.0 covers two rounds.
        for (int r = 0; r < 2; r++) {
            market.tell(new Market.OpenRound(r, types("a"), Measure.NONE, events.getRef()));
            assertThat(events.receiveMessage()).isInstanceOfSatisfying(Market.RoundCleared.class,
                    c -> assertThat(c.payments()).containsExactly(-0.4));
        }
        market.tell(new Market.OpenRound(2, types("a"), Measure.NONE, events.getRef()));
        assertThat(events.receiveMessage()).isInstanceOfSatisfying(Market.RoundFailed.class,
                f -> assertThat(f.reason()).contains("budget").contains("more than"));
        assertThat(TestMechanism.lastSettled.input().round()).isEqualTo(1); // the failed round was not settled
    }

    /** A strategy sees its seat's latest rounds, oldest first, and no more than Agent.HISTORY of them. */
    @Test
    void aStrategySeesItsSeatsLatestRoundsOnly() {
        MarketRules rules = MarketRules.hosted("m" + IDS.incrementAndGet(), Policy.uniform(2), null, MissPolicy.TRUTHFUL, false, true);
        ActorRef<Market.Command> market = KIT.spawn(Market.hosted(rules, mechanism(false)));
        List<List<Integer>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        seatHosted(market, "a", (type, context) -> {
            seen.add(context.history().stream().map(io.agora.api.PastRound::round).toList());
            return type;
        });
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        int rounds = Agent.HISTORY + 5;
        for (int r = 0; r < rounds; r++) {
            market.tell(new Market.OpenRound(r, types("a"), Measure.NONE, events.getRef()));
            events.expectMessageClass(Market.RoundCleared.class);
        }
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(3)).containsExactly(0, 1, 2);
        List<Integer> last = seen.get(rounds - 1);
        assertThat(last).hasSize(Agent.HISTORY);
        assertThat(last.get(0)).isEqualTo(rounds - 1 - Agent.HISTORY);
        assertThat(last.get(Agent.HISTORY - 1)).isEqualTo(rounds - 2);
    }

    @Test
    void clearsAsSoonAsEveryHostedSeatHasReported() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        seatHosted(market, "b", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

        market.tell(new Market.OpenRound(0, types("a", "b"), Measure.NONE, events.getRef()));

        Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage();
        assertThat(cleared.reports()).extracting(Report::agent).containsExactly("a", "b");
        assertThat(cleared.payments()).containsExactly(2.0, 2.0);
        assertThat(cleared.values()).containsExactly(5.0, 5.0);
        assertThat(cleared.missed()).isEmpty();
        assertThat(cleared.faults()).isEmpty();
    }

    @Test
    void aSeatThatMissesTheDeadlineGetsTheMissPolicy() {
        for (MissPolicy policy : MissPolicy.values()) {
            ActorRef<Market.Command> market = market(Duration.ofMillis(1500), policy, false);
            seatHosted(market, "a", TRUTHFUL);
            TestProbe<Agent.Command> silent = KIT.createTestProbe();
            market.tell(new Market.Seat("b", silent.getRef(), false));
            TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

            market.tell(new Market.OpenRound(0, types("a", "b"), Measure.NONE, events.getRef()));

            silent.expectMessageClass(Agent.RoundOpened.class);
            Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage(Duration.ofSeconds(5));
            assertThat(cleared.missed()).as(policy.id()).containsExactly("b");
            // The mechanism learns the same: who missed, and every seat's realized value.
            assertThat(TestMechanism.lastSettled.missed()).as(policy.id()).containsExactly("b");
            assertThat(TestMechanism.lastSettled.values()).as(policy.id()).containsOnlyKeys("a", "b");
            assertThat(TestMechanism.lastSettled.input().round()).isZero();
            switch (policy) {
                case TRUTHFUL -> assertThat(cleared.reports().get(1).rewards()).containsExactly(0.5, 0.5);
                case ABSTAIN -> assertThat(cleared.reports()).extracting(Report::agent).containsExactly("a");
                case ZERO -> assertThat(cleared.reports().get(1).weight()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void aLateReportChangesNothing() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        market.tell(new Market.OpenRound(0, types("a"), Measure.NONE, events.getRef()));
        events.expectMessageClass(Market.RoundCleared.class);

        market.tell(new Market.SubmitReport("a", 0, Report.ofRewards("a", new double[] {0.9, 0.1}, 2)));

        TestProbe<Market.Result> result = KIT.createTestProbe();
        market.tell(new Market.GetResult(0, result.getRef()));
        Market.RoundCleared kept = (Market.RoundCleared) result.receiveMessage().event();
        assertThat(kept.reports().get(0).rewards()).containsExactly(0.5, 0.5);
    }

    @Test
    void anInvalidHostedReportIsAFaultOfItsSeatNamingTheRule() {
        ActorRef<Market.Command> market = market(Duration.ofSeconds(30), MissPolicy.ABSTAIN, false);
        TestProbe<Agent.Command> remote = KIT.createTestProbe();
        market.tell(new Market.Seat("bot", remote.getRef(), false));
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        market.tell(new Market.OpenRound(0, types("bot", "a"), Measure.NONE, events.getRef()));
        remote.expectMessageClass(Agent.RoundOpened.class);

        market.tell(new Market.SubmitReport("bot", 0, Report.ofRewards("bot", new double[] {0.9, 0.9}, 2)));

        Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage();
        assertThat(cleared.faults()).containsOnlyKeys("bot");
        assertThat(cleared.faults().get("bot")).contains("rewards").contains("must sum to 1");
        assertThat(cleared.reports()).extracting(Report::agent).containsExactly("a");
    }

    @Test
    void aReportFromSomeoneWithoutASeatDoesNotCount() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Agent.Command> b = KIT.createTestProbe();
        market.tell(new Market.Seat("b", b.getRef(), false));
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        market.tell(new Market.OpenRound(0, types("a", "b", "ghost"), Measure.NONE, events.getRef()));
        b.expectMessageClass(Agent.RoundOpened.class);

        market.tell(new Market.SubmitReport("ghost", 0, Report.ofRewards("ghost", new double[] {0.5, 0.5}, 2)));
        market.tell(new Market.SubmitReport("b", 0, Report.ofRewards("b", new double[] {0.2, 0.8}, 2)));

        Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage();
        assertThat(cleared.reports()).extracting(Report::agent).containsExactly("a", "b");
        assertThat(cleared.reports().get(1).rewards()).containsExactly(0.2, 0.8);
    }

    @Test
    void closingAHostedMarketFailsItsOpenRoundAndRefusesMore() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        TestProbe<Agent.Command> silent = KIT.createTestProbe();
        market.tell(new Market.Seat("a", silent.getRef(), false));
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        market.tell(new Market.OpenRound(0, types("a"), Measure.NONE, events.getRef()));
        TestProbe<Market.CloseReply> closed = KIT.createTestProbe();

        market.tell(new Market.Close(closed.getRef()));

        assertThat(closed.receiveMessage()).isEqualTo(new Market.Closed(0));
        assertThat(events.expectMessageClass(Market.RoundFailed.class).reason()).contains("closed");
        market.tell(new Market.OpenRound(1, types("a"), Measure.NONE, events.getRef()));
        assertThat(events.expectMessageClass(Market.RoundFailed.class).reason()).contains("is closed");
    }

    @Test
    void aThrowingStrategyIsAFaultOfItsSeatAndTheRoundGoesOn() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        seatHosted(market, "b", (type, context) -> {
            throw new ArithmeticException("bad strategy");
        });
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

        market.tell(new Market.OpenRound(0, types("a", "b"), Measure.NONE, events.getRef()));

        Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage();
        assertThat(cleared.faults()).containsOnlyKeys("b");
        assertThat(cleared.faults().get("b")).contains("bad strategy");
        assertThat(cleared.reports()).hasSize(2);
    }

    @Test
    void aThrowingMechanismFailsTheRoundAndTheMarketStaysOpen() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, true);
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

        market.tell(new Market.OpenRound(0, types("a"), Measure.NONE, events.getRef()));
        Market.RoundFailed failed = (Market.RoundFailed) events.receiveMessage();
        assertThat(failed.reason()).isEqualTo("plugin 'test-plugin' failed: clear threw IllegalStateException: cannot clear");

        market.tell(new Market.Restart(mechanism(false), Map.of("a", 3L)));
        market.tell(new Market.OpenRound(1, types("a"), Measure.NONE, events.getRef()));
        assertThat(events.receiveMessage()).isInstanceOf(Market.RoundCleared.class);
    }

    @Test
    void trainsItsTrainerOnEveryClearedRound() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        ActorRef<io.agora.runtime.trainer.Trainer.Command> trainer = KIT.spawn(io.agora.runtime.trainer.Trainer.create(
                Policy.ofProbabilities(new double[] {0.9, 0.1}), io.agora.runtime.trainer.TrainingRule.ADOPT_OUTCOME));
        market.tell(new Market.AttachTrainer(trainer));
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

        for (int round = 0; round < 2; round++) {
            market.tell(new Market.OpenRound(round, types("a"), Measure.NONE, events.getRef()));
            events.expectMessageClass(Market.RoundCleared.class);
        }

        TestProbe<io.agora.runtime.trainer.Trainer.CurrentPolicy> policy = KIT.createTestProbe();
        trainer.tell(new io.agora.runtime.trainer.Trainer.GetPolicy(policy.getRef()));
        assertThat(policy.receiveMessage()).isEqualTo(new io.agora.runtime.trainer.Trainer.CurrentPolicy(2, Policy.uniform(2)));
    }

    @Test
    void keepsTheResultsAndPaymentsOfRecentRounds() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", TRUTHFUL);
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();
        for (int round = 0; round < MarketActor.RESULTS_KEPT + 2; round++) {
            market.tell(new Market.OpenRound(round, types("a"), Measure.NONE, events.getRef()));
            events.expectMessageClass(Market.RoundCleared.class);
        }
        TestProbe<Market.Result> results = KIT.createTestProbe();

        market.tell(new Market.GetResult(MarketActor.RESULTS_KEPT + 1, results.getRef()));
        Market.RoundCleared last = (Market.RoundCleared) results.receiveMessage().event();
        assertThat(last.payments()).containsExactly(2.0);

        market.tell(new Market.GetResult(0, results.getRef()));
        assertThat(results.receiveMessage().event()).isNull();
    }

    @Test
    void measuresTheTruthfulBaseline() {
        ActorRef<Market.Command> market = market(null, MissPolicy.TRUTHFUL, false);
        seatHosted(market, "a", (type, context) -> type.withRewards(new double[] {1, 0}, 7));
        TestProbe<Market.RoundEvent> events = KIT.createTestProbe();

        market.tell(new Market.OpenRound(0, types("a"), new Measure(true, List.of()), events.getRef()));

        Market.RoundCleared cleared = (Market.RoundCleared) events.receiveMessage();
        assertThat(cleared.payments()).containsExactly(7.0);
        assertThat(cleared.basePayments()).containsExactly(2.0);
    }
}
