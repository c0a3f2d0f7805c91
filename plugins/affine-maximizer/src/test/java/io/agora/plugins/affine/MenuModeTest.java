package io.agora.plugins.affine;

import io.agora.api.MechanismInstance;
import io.agora.api.RoundInput;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finite-menu mode and the two cheaper payment heuristics, each with the guarantee it keeps and the one it loses. */
class MenuModeTest {
    private static final AuditConfig AUDIT = AuditConfig.defaults().withEffort(20, 100);
    private static final int M = 6;

    private static List<List<Double>> randomMenu(SplittableRandom random, int k) {
        return java.util.stream.IntStream.range(0, k)
                .mapToObj(i -> java.util.stream.IntStream.range(0, M).mapToObj(y -> 0.01 + random.nextDouble()).toList())
                .toList();
    }

    private static MechanismInstance menuMechanism(List<List<Double>> menu, String payment) {
        return Fixtures.mechanism(Map.of("menu", menu, "payment", payment, "lambda", 0.2, "checkpointEvery", 3,
                "earlyStopFraction", 0.3));
    }

    private static AuditResult[] audits(String payment, int instances) {
        SplittableRandom random = new SplittableRandom(payment.hashCode());
        AuditResult[] out = new AuditResult[instances];
        for (int i = 0; i < instances; i++) {
            MechanismInstance mechanism = menuMechanism(randomMenu(random, 12), payment);
            RoundInput round = Fixtures.randomRound(random, 3, M, "sum");
            out[i] = new IncentiveAudit(mechanism, Fixtures.shape(Map.of()), AUDIT.withSeed(i)).audit(round, round.reports());
        }
        return out;
    }

    @Test
    void exactMenuPaymentsAreTruthfulRationalAndNonNegative() {
        for (AuditResult audit : audits("affine-maximizer", 30)) {
            assertThat(audit.maxGain()).isLessThanOrEqualTo(1e-9);
            assertThat(audit.irViolations()).isZero();
            assertThat(audit.negativePayments()).isZero();
        }
    }

    @Test
    void checkpointHeuristicNeverChargesNegativeAmounts() {
        for (AuditResult audit : audits("checkpoint", 30)) {
            assertThat(audit.negativePayments()).isZero();
        }
    }

    @Test
    void earlyStopHeuristicStaysTruthfulButSometimesPaysAgents() {
        AuditResult[] audits = audits("early-stop", 30);
        for (AuditResult audit : audits) {
            assertThat(audit.maxGain()).isLessThanOrEqualTo(1e-9);
        }
        assertThat(java.util.Arrays.stream(audits).mapToInt(AuditResult::negativePayments).sum()).isPositive();
    }

    @Test
    void menuPicksTheEntryWithTheHighestRegularizedWelfare() {
        List<List<Double>> menu = List.of(List.of(1.0, 1.0, 1.0), List.of(0.1, 0.1, 0.8), List.of(0.8, 0.1, 0.1));
        MechanismInstance mechanism = Fixtures.mechanism(Map.of("menu", menu));

        assertThat(mechanism.clear(Fixtures.specVector()).diagnostics().get("menuIndex")).isEqualTo(1.0);
    }

    @Test
    void heuristicsNeedAMenu() {
        assertThatThrownBy(() -> Fixtures.mechanism(Map.of("payment", "checkpoint")))
                .hasMessageStartingWith("params.payment:");
    }
}
