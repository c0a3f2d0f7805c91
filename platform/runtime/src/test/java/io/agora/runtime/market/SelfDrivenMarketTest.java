package io.agora.runtime.market;

import io.agora.api.Normalization;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A self-driven market (bots) journals before it acknowledges, keeps its deadline, and resumes from its journal. */
class SelfDrivenMarketTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final AtomicInteger IDS = new AtomicInteger();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** A listener that hears nothing (shared with the other market tests). */
    static final Market.Listener QUIET = new Market.Listener() {
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

    private static MarketRules spec(int seats, Duration deadline) {
        return spec(seats, deadline, 1);
    }

    private static MarketRules spec(int seats, Duration deadline, long weight) {
        return MarketRules.forBots("bm" + IDS.incrementAndGet(), new MarketRules.MechanismChoice("test", Map.of(), 1), Policy.uniform(2), List.of(), null,
                seats, 0, deadline, MissPolicy.ABSTAIN, new TypeSpec(Normalization.SUM, weight, weight), TypeSeeds.derivedFrom(7), null);
    }

    private static ActorRef<Market.Command> market(MarketRules spec, MemoryJournal journal, Market.Recovered recovered) {
        return KIT.spawn(Market.create(spec, TestMechanism.open(false), journal, QUIET, recovered));
    }

    private static String join(ActorRef<Market.Command> market, String bot) {
        TestProbe<Market.JoinReply> probe = KIT.createTestProbe();
        market.tell(new Market.Join(bot, probe.ref()));
        return ((Market.Joined) probe.receiveMessage()).seat();
    }

    private static Market.RoundView await(ActorRef<Market.Command> market, String seat, int after) {
        TestProbe<Market.RoundView> probe = KIT.createTestProbe();
        market.tell(new Market.AwaitRound(seat, after, probe.ref()));
        return probe.receiveMessage();
    }

    private static ReceivedReport report(String seat, String key, double first) {
        Report r = Report.ofRewards(seat, new double[] {first, 1 - first}, 1);
        return new ReceivedReport(seat, key, "h" + first, "{}", r);
    }

    private static Market.SubmitReply submit(ActorRef<Market.Command> market, int round, ReceivedReport report) {
        TestProbe<Market.SubmitReply> probe = KIT.createTestProbe();
        market.tell(new Market.Submit(report.seat(), round, report, probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void clearsOnceEverySeatReportedAndOpensTheNextRound() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        Market.RoundView view = await(market, a, 0);
        assertThat(view.round()).isEqualTo(1);
        assertThat(view.type().agent()).isEqualTo(a);

        assertThat(submit(market, 1, report(a, "k1", 0.9))).isEqualTo(new Market.Acknowledged(1, false));
        assertThat(submit(market, 1, report(b, "k1", 0.2))).isEqualTo(new Market.Acknowledged(1, false));

        assertThat(await(market, a, 1).round()).isEqualTo(2);
        assertThat(journal.settled).hasSize(1);
        SettledRound settled = journal.settled.get(0);
        assertThat(settled.seats()).extracting(SettledRound.SeatResult::bot).containsExactly("alice", "bob");
        assertThat(settled.seats()).extracting(SettledRound.SeatResult::payment).containsExactly(1.0, 1.0);
    }

    /**
     * A clearing that takes long (a mechanism that trains a model) runs off the market's thread: meanwhile the market
     * answers at once, refuses reports (the round is clearing), and settles when the clearing is done.
     */
    @Test
    void aLongClearingRunsOffTheMarketsThreadAndTheMarketStaysResponsive() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        await(market, a, 0);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        TestMechanism.gate = gate;
        try {
            submit(market, 1, report(a, "k1", 0.9));
            submit(market, 1, report(b, "k1", 0.2));
            TestProbe<Market.RoundView> view = KIT.createTestProbe();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Market.RoundView seen;
            do {
                market.tell(new Market.GetView(a, view.ref()));
                seen = view.receiveMessage(Duration.ofSeconds(1));
            } while (!seen.phase().equals("clearing") && System.nanoTime() < deadline);
            assertThat(seen.phase()).isEqualTo("clearing");
            assertThat(TestMechanism.clearedOn).isNotNull();
            assertThat(submit(market, 2, report(a, "k2", 0.5))).isInstanceOf(Market.Refused.class);
            assertThat(journal.settled).isEmpty();
        } finally {
            TestMechanism.gate = null;
            gate.countDown();
        }
        assertThat(await(market, a, 1).round()).isEqualTo(2);
        assertThat(journal.settled).hasSize(1);
    }

    /**
     * A bot market's first clearing runs off its thread (its cost is unknown); once a clearing was quick the next runs
     * on the market's own thread, and after one that was slow the next goes off it again. (Which early rounds are
     * quick depends on the JIT and the machine's load, so the test plays until one runs on the market's thread.)
     */
    @Test
    void quickClearingsRunOnTheMarketsThreadAndASlowOneSendsTheNextOffIt() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        await(market, a, 0);
        int r = 1;
        try {
            assertThat(play(market, a, b, r++)).as("the first clearing runs off the market's thread").isTrue();
            boolean onMarketThread = false;
            while (!onMarketThread && r <= 30) {
                onMarketThread = !play(market, a, b, r++);
            }
            assertThat(onMarketThread).as("a clearing after a quick one runs on the market's thread").isTrue();
            TestMechanism.slowMillis = 20;
            play(market, a, b, r++);
            TestMechanism.slowMillis = 0;
            assertThat(play(market, a, b, r++)).as("the clearing after a slow one runs off the market's thread").isTrue();
        } finally {
            TestMechanism.slowMillis = 0;
        }
        assertThat(journal.settled).hasSize(r - 1).extracting(s -> s.seats().get(0).payment()).containsOnly(1.0);
    }

    /** Plays round {@code r} to its end; whether it cleared off the market's thread (on the blocking dispatcher). */
    private static boolean play(ActorRef<Market.Command> market, String a, String b, int r) {
        submit(market, r, report(a, "k" + r, 0.9));
        submit(market, r, report(b, "k" + r, 0.2));
        assertThat(await(market, a, r).round()).isEqualTo(r + 1);
        return TestMechanism.clearedOn.getName().contains("blocking");
    }

    @Test
    void aRetryOfAnAcknowledgedReportAfterItsRoundSettledIsStillADuplicate() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        await(market, a, 0);
        submit(market, 1, report(a, "k1", 0.9));
        submit(market, 1, report(b, "k1", 0.2));
        assertThat(await(market, a, 1).round()).isEqualTo(2);

        // The acknowledgement was lost; the bot retries after round 2 opened.
        assertThat(submit(market, 1, report(a, "k1", 0.9))).isEqualTo(new Market.Acknowledged(1, true));
        assertThat(submit(market, 1, report(a, "k1", 0.3))).isInstanceOfSatisfying(Market.Refused.class,
                r -> assertThat(r.field()).isEqualTo("Idempotency-Key"));
        assertThat(submit(market, 1, report(a, "k2", 0.9))).isInstanceOfSatisfying(Market.Refused.class,
                r -> assertThat(r.field()).isEqualTo("round"));
        assertThat(journal.reports).hasSize(2);
    }

    @Test
    void aRetryWithTheSameKeyIsANoOpAndAReusedKeyConflicts() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        join(market, "bob");
        await(market, a, 0);
        submit(market, 1, report(a, "k1", 0.9));

        assertThat(submit(market, 1, report(a, "k1", 0.9))).isEqualTo(new Market.Acknowledged(1, true));
        Market.SubmitReply reused = submit(market, 1, report(a, "k1", 0.3));
        assertThat(reused).isInstanceOfSatisfying(Market.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Market.Reason.CONFLICT);
            assertThat(r.field()).isEqualTo("Idempotency-Key");
        });
        assertThat(journal.reports).hasSize(1);
    }

    @Test
    void rejectsReportAfterDeadlineAndClearsWithoutTheMissingSeat() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(2, Duration.ofMillis(300)), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        await(market, a, 0);
        submit(market, 1, report(a, "k1", 0.9));

        assertThat(await(market, a, 1).round()).isEqualTo(2);
        Market.SubmitReply late = submit(market, 1, report(b, "k1", 0.5));
        assertThat(late).isInstanceOfSatisfying(Market.Refused.class, r -> assertThat(r.reason()).isEqualTo(Market.Reason.CONFLICT));
        SettledRound settled = journal.settled.get(0);
        assertThat(settled.seats()).extracting(SettledRound.SeatResult::missed).containsExactly(false, true);
        assertThat(settled.seats().get(1).payment()).isZero();
    }

    /**
     * The test mechanism charges each seat its reported weight and values only the rewards, so under-reporting the
     * weight pays: a truthful seat's gap is 0, the seat that reports weight 1 for a true 3 gains 3 − 1 = 2, and a seat
     * that missed has none.
     */
    @Test
    void measuresEachSeatsHonestyGapAgainstItsTruthfulReportWithTheOthersFixed() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(3, Duration.ofMillis(500), 3), journal, null);
        String a = join(market, "alice");
        String b = join(market, "bob");
        join(market, "carol");
        Report aliceType = await(market, a, 0).type();
        Report bobType = await(market, b, 0).type();
        submit(market, 1, new ReceivedReport(a, "k1", "h", "{}", aliceType));
        submit(market, 1, new ReceivedReport(b, "k1", "h", "{}", bobType.withRewards(bobType.rewards(), 1)));

        assertThat(await(market, a, 1).round()).isEqualTo(2);
        SettledRound settled = journal.settled.get(0);
        assertThat(settled.seats()).extracting(SettledRound.SeatResult::honestyGap).containsExactly(0.0, 2.0, null);
        assertThat(settled.seats().get(1).payment()).isEqualTo(1.0);
    }

    @Test
    void refusesAnInvalidReportWithTheRuleAndStoresNothing() {
        MemoryJournal journal = new MemoryJournal();
        ActorRef<Market.Command> market = market(spec(1, Duration.ofSeconds(30)), journal, null);
        String a = join(market, "alice");
        await(market, a, 0);
        ReceivedReport unnormalized = new ReceivedReport(a, "k", "h", "{}", Report.ofRewards(a, new double[] {0.9, 0.9}, 1));

        Market.SubmitReply reply = submit(market, 1, unnormalized);

        assertThat(reply).isInstanceOfSatisfying(Market.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Market.Reason.INVALID_REPORT);
            assertThat(r.field()).isEqualTo("rewards");
        });
        assertThat(journal.reports).isEmpty();
    }

    @Test
    void resumesTheOpenRoundWithTheJournaledReports() {
        MemoryJournal journal = new MemoryJournal();
        MarketRules spec = spec(2, Duration.ofSeconds(30));
        Map<String, String> seats = new LinkedHashMap<>();
        seats.put(spec.marketId() + "-s1", "alice");
        seats.put(spec.marketId() + "-s2", "bob");
        ReceivedReport stored = report(spec.marketId() + "-s1", "k1", 0.9);
        ActorRef<Market.Command> market = market(spec, journal, new Market.Recovered(seats, 3, List.of(stored), null, 0));

        Market.RoundView view = await(market, spec.marketId() + "-s1", 2);
        assertThat(view.round()).isEqualTo(3);
        assertThat(view.reported()).isTrue();
        submit(market, 3, report(spec.marketId() + "-s2", "k9", 0.1));

        assertThat(await(market, spec.marketId() + "-s1", 3).round()).isEqualTo(4);
        assertThat(journal.settled.get(0).round()).isEqualTo(3);
        assertThat(journal.settled.get(0).seats()).extracting(SettledRound.SeatResult::missed).containsExactly(false, false);
    }

    @Test
    void aRetryOfTheRoundBeforeARestartIsStillADuplicate() {
        MemoryJournal journal = new MemoryJournal();
        MarketRules spec = spec(2, Duration.ofSeconds(30));
        Map<String, String> seats = new LinkedHashMap<>();
        seats.put(spec.marketId() + "-s1", "alice");
        seats.put(spec.marketId() + "-s2", "bob");
        ReceivedReport before = report(spec.marketId() + "-s1", "r2", 0.7);
        ActorRef<Market.Command> market = market(spec, journal,
                new Market.Recovered(seats, 3, List.of(), null, java.math.BigDecimal.ZERO, List.of(before)));

        // Round 2 settled before the restart; alice's acknowledgement was lost and she retries.
        assertThat(submit(market, 2, before)).isEqualTo(new Market.Acknowledged(2, true));
        assertThat(submit(market, 2, report(spec.marketId() + "-s1", "r2", 0.6))).isInstanceOfSatisfying(Market.Refused.class,
                r -> assertThat(r.field()).isEqualTo("Idempotency-Key"));
        assertThat(submit(market, 2, report(spec.marketId() + "-s2", "other", 0.6))).isInstanceOfSatisfying(Market.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Market.Reason.CONFLICT));
    }
}
