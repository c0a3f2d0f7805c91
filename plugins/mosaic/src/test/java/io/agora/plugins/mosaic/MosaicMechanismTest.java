package io.agora.plugins.mosaic;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MosaicMechanismTest {
    private static final MosaicMechanism MECHANISM = new MosaicMechanism();

    private static MechanismInstance open(Map<String, Object> params) {
        return MECHANISM.open(MECHANISM.parameters().validate(params), MechanismContext.of("m", 1));
    }

    /** The specification's test vector, through a market's round: the reference is the market's, candidates uniform. */
    private static RoundInput round() {
        return new RoundInput(1, OutcomeSpace.of(4), Policy.ofProbabilities(new double[] {0.4, 0.3, 0.2, 0.1}), List.of(
                Report.builder("A").numbers(Report.REWARDS, new double[] {0, 1, 0.2, 2}).build(),
                Report.builder("B").numbers(Report.REWARDS, new double[] {0.5, 0, 1.5, 0}).build()));
    }

    @Test
    void aRoundClearsToTheSpecificationsTestVector() {
        MechanismInstance market = open(Map.of("generator", "uniform"));
        RoundResult r = market.clear(round());
        for (int j = 0; j < 4; j++) {
            assertThat(r.policy().prob(j)).isCloseTo(new double[] {0.199321, 0.246469, 0.330885, 0.223324}[j], within(1e-6));
        }
        assertThat(r.payments().get(0).amount()).isCloseTo(0.233562, within(1e-6));
        assertThat(r.payments().get(1).amount()).isCloseTo(0.187296, within(1e-6));
        assertThat(r.diagnostics().get("regularizedWelfare")).isCloseTo(1.196546, within(1e-6));
        assertThat(market.value(round().reports().get(0), round(), r)).isCloseTo(0.759295, within(1e-6));
        // G(r − r_i) per advertiser: G(r) − G(r − r_i) is each one's truthful utility.
        assertThat(r.diagnostics().get("regularizedWelfare") - r.diagnostics().get("welfareWithout:A")).isCloseTo(0.525733, within(1e-6));
        assertThat(r.diagnostics().get("regularizedWelfare") - r.diagnostics().get("welfareWithout:B")).isCloseTo(0.408693, within(1e-6));
        // The reply is one draw from q, the same on every clearing of the round.
        assertThat(r.diagnostics().get("reply")).isIn(0.0, 1.0, 2.0, 3.0).isEqualTo(market.clear(round()).diagnostics().get("reply"));
    }

    /** Over many rounds the drawn reply follows q. */
    @Test
    void theReplyIsDrawnFromTheInducedLaw() {
        MechanismInstance market = open(Map.of("generator", "uniform"));
        int[] counts = new int[4];
        int rounds = 4000;
        for (int k = 0; k < rounds; k++) {
            RoundInput input = new RoundInput(k, OutcomeSpace.of(4), round().reference(), round().reports());
            counts[market.clear(input).diagnostics().get("reply").intValue()]++;
        }
        double[] q = {0.199321, 0.246469, 0.330885, 0.223324};
        for (int j = 0; j < 4; j++) {
            assertThat(counts[j] / (double) rounds).as("reply %d", j).isCloseTo(q[j], within(0.03));
        }
    }

    @Test
    void theIncentiveAuditFindsNoProfitableMisreport() {
        MechanismInstance market = open(Map.of("generator", "uniform"));
        AuditResult audit = new IncentiveAudit(market, MECHANISM.reportShape(MECHANISM.parameters().validate(Map.of())), AuditConfig.defaults())
                .audit(round(), round().reports());
        assertThat(audit.agents()).allSatisfy(a -> {
            assertThat(a.maxGain()).as(a.agent()).isLessThanOrEqualTo(1e-9);
            assertThat(a.truthfulPayment()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> MECHANISM.parameters().validate(Map.of("tau", 0))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tau");
        assertThatThrownBy(() -> MECHANISM.parameters().validate(Map.of("generator", "magic"))).hasMessageContaining("generator");
    }
}
