package io.agora.runtime.market;

import com.typesafe.config.ConfigFactory;
import io.agora.api.OutcomeSpace;
import io.agora.api.Normalization;
import io.agora.api.PastRound;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundContext;
import io.agora.api.RoundResult;
import io.agora.core.audit.AuditConfig;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.trainer.Trainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message that may cross nodes survives the CBOR serializer (with serialization forced, as across nodes). */
class ProtocolSerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());
    private static final SerializationTestKit SERIALIZATION = KIT.serializationTestKit();
    private static final Report TYPE = Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 3).toBuilder()
            .ranking("ranking", new int[] {2, 0}).text("annotator", "h-1").build();
    private static final Policy POLICY = Policy.ofProbabilities(new double[] {0.1, 0.2, 0.7});
    private static final RoundResult RESULT = new RoundResult(POLICY, List.of(new Payment("g1", 0.5)), Map.of("menuIndex", 2.0), List.of("note"));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        return (T) SERIALIZATION.verifySerialization(message, false);
    }

    @Test
    void marketCommandsRoundTrip() {
        TestProbe<Object> probe = KIT.createTestProbe();
        Market.OpenRound open = roundTrip(new Market.OpenRound(4, Map.of("g1", TYPE),
                new Measure(true, List.of(new Measure.AuditRequest("g1.auditGain", List.of("g1"), AuditConfig.defaults()))),
                probe.getRef().narrow()));
        assertThat(open.types().get("g1")).isEqualTo(TYPE);
        assertThat(open.measure().audits().get(0).config().alphas()).containsExactly(AuditConfig.defaults().alphas());

        Market.SubmitReport submit = roundTrip(new Market.SubmitReport("g1", 4, TYPE));
        assertThat(submit.report()).isEqualTo(TYPE);
        Market.Submit bots = roundTrip(new Market.Submit("g1", 4, new MarketJournal.ReceivedReport("g1", "k1", "h", "{}", TYPE),
                probe.getRef().narrow()));
        assertThat(bots.report().report()).isEqualTo(TYPE);
        assertThat(roundTrip(new Market.Refused(Market.Reason.INVALID_REPORT, "rewards[1]", "must be >= 0")).field()).isEqualTo("rewards[1]");
        assertThat(roundTrip(new Market.RoundView("collecting", 4, java.time.Instant.EPOCH, TYPE, 2, true)).type()).isEqualTo(TYPE);
        assertThat(roundTrip(new Market.ReportFailed("g1", 4, "boom")).reason()).isEqualTo("boom");
    }

    @Test
    void roundEventsRoundTripAlsoWhenNested() {
        Market.RoundCleared cleared = new Market.RoundCleared(4, List.of(TYPE), RESULT, new double[] {1.5}, new double[] {0.5},
                null, null, Map.of("g1.auditGain", new Market.AuditFinding("g1", 0.5, "alpha-scaling", TYPE, TYPE)), List.of("g2"),
                Map.of("g3", "threw"), new double[] {0.25});
        Market.Result result = roundTrip(new Market.Result(4, cleared));
        Market.RoundCleared back = (Market.RoundCleared) result.event();
        assertThat(back.result().policy().probabilities()).containsExactly(POLICY.probabilities());
        assertThat(back.result().diagnostics()).containsEntry("menuIndex", 2.0);
        assertThat(back.values()).containsExactly(1.5);
        assertThat(back.baseValues()).isNull();
        assertThat(back.faults()).containsEntry("g3", "threw");
        assertThat(back.honestyGaps()).containsExactly(0.25);
        assertThat(back.audits().get("g1.auditGain").misreport()).isEqualTo(TYPE);
        assertThat(((Market.RoundFailed) roundTrip(new Market.Result(5, new Market.RoundFailed(5, "no", List.of(), Map.of()))).event()).reason())
                .isEqualTo("no");
    }

    @Test
    void agentMessagesRoundTripWithoutTheirOracle() {
        TestProbe<Market.Command> market = KIT.createTestProbe();
        RoundContext context = new RoundContext("affine-maximizer", 4, OutcomeSpace.of(3), Policy.uniform(3),
                ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
                        ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true), ReportComponent.ranking("ranking", "best first", 2),
                        ReportComponent.identifier("annotator", "who", 20).optional()),
                List.of(new PastRound(3, TYPE, TYPE, POLICY, 0.5, 1.0)), Optional.empty());
        Agent.RoundOpened opened = roundTrip(new Agent.RoundOpened(4, TYPE, context, market.getRef(), 2, 9));
        assertThat(opened.context().reportShape()).isEqualTo(context.reportShape());
        assertThat(opened.context().history().get(0).policy()).isEqualTo(POLICY);
        assertThat(opened.context().fullInformation()).isEmpty();
        assertThat(roundTrip(new Agent.RoundSettled(new PastRound(3, TYPE, TYPE, POLICY, 0.5, 1.0))).round().utility()).isEqualTo(1.0);
    }

    @Test
    void trainerMessagesRoundTrip() {
        assertThat(roundTrip(new Trainer.Train(1, RESULT, null)).result().policy()).isEqualTo(POLICY);
        assertThat(roundTrip(new Trainer.CurrentPolicy(2, POLICY)).policy()).isEqualTo(POLICY);
        assertThat(roundTrip(new Trainer.Samples(2, new int[] {0, 2})).outcomes()).containsExactly(0, 2);
        assertThat(roundTrip(new Trainer.LogProbs(2, new double[] {Math.log(0.7), Double.NaN})).logProbs()[1]).isNaN();
    }
}
