package io.agora.plugins.affine;

import io.agora.api.MechanismInstance;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpecVectorTest {
    private static final double TOL = 1e-6;
    private final MechanismInstance kl = Fixtures.mechanism(Map.of());

    @Test
    void truthfulRoundMatchesTheTestVector() {
        RoundInput round = Fixtures.specVector();
        RoundResult result = kl.clear(round);

        assertThat(result.policy().probabilities()).containsExactly(new double[] {0.099624, 0.164252, 0.736125}, within(TOL));
        assertThat(result.paymentOf("g1")).isCloseTo(0.083698, within(TOL));
        assertThat(result.paymentOf("g2")).isCloseTo(0.988429, within(TOL));
        double v1 = kl.value(round.reports().get(0), round, result);
        double v2 = kl.value(round.reports().get(1), round, result);
        assertThat(v1).isCloseTo(0.547986, within(TOL));
        assertThat(v2).isCloseTo(3.506389, within(TOL));
        assertThat(v1 - result.paymentOf("g1")).isCloseTo(0.464289, within(TOL));
        assertThat(v2 - result.paymentOf("g2")).isCloseTo(2.517960, within(TOL));
    }

    @Test
    void polarizedReportRaisesValueButLowersUtility() {
        Report truth = Fixtures.specVector().reports().get(0);
        RoundInput lied = Fixtures.specVector().withReport(0, Report.ofRewards("g1", new double[] {0.61, 0.3, 0.09}, 3));
        RoundResult result = kl.clear(lied);

        double value = kl.value(truth, lied, result);
        assertThat(value).isCloseTo(0.557356, within(TOL));
        assertThat(value - result.paymentOf("g1")).isCloseTo(0.464091, within(TOL)).isLessThan(0.464289);
    }

    @Test
    void doubledGroupSizeRaisesValueButLowersUtility() {
        Report truth = Fixtures.specVector().reports().get(0);
        RoundInput lied = Fixtures.specVector().withReport(0, Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 6));
        RoundResult result = kl.clear(lied);

        assertThat(kl.value(truth, lied, result)).isCloseTo(0.873115, within(TOL));
        assertThat(result.paymentOf("g1")).isCloseTo(0.588621, within(TOL));
        assertThat(kl.value(truth, lied, result) - result.paymentOf("g1")).isCloseTo(0.284494, within(TOL));
    }

    @Test
    void noPaymentBaselineChargesNothing() {
        RoundResult result = Fixtures.mechanism(Map.of("payment", "none")).clear(Fixtures.specVector());

        assertThat(result.payments()).allSatisfy(p -> assertThat(p.amount()).isZero());
    }
}
