package io.agora.plugins.affine;

import io.agora.api.MechanismInstance;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import io.agora.core.audit.Misreports;
import io.agora.core.math.Divergence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of the mechanism on random instances (seeded, so a failure names its instance): no misreport
 * the audit can find beats truth, truthful utility is non-negative, payments are non-negative, and under KL
 * the truthful utility is the marginal contribution {@code G(R) − G(R − w_i rm_i)}.
 */
class IncentivePropertiesTest {
    private static final int INSTANCES = 40;
    private static final AuditConfig AUDIT = AuditConfig.defaults().withEffort(20, 150);

    @ParameterizedTest(name = "{0} / {1} normalization")
    @CsvSource({"kl,sum", "kl,max", "chi2,sum", "chi2,max", "tv,sum", "tv,max"})
    void truthIsDominantIndividuallyRationalAndPaymentsAreNonNegative(String divergence, String normalization) {
        Map<String, Object> params = Map.of("divergence", divergence, "normalization", normalization, "lambda", 0.5, "maxGroupSize", 20);
        MechanismInstance mechanism = Fixtures.mechanism(params);
        SplittableRandom random = new SplittableRandom(divergence.hashCode() * 31L + normalization.hashCode());
        for (int instance = 0; instance < INSTANCES; instance++) {
            RoundInput round = Fixtures.randomRound(random, 2 + random.nextInt(4), 2 + random.nextInt(8), normalization);
            AuditResult audit = new IncentiveAudit(mechanism, Fixtures.shape(params), AUDIT.withSeed(instance)).audit(round, round.reports());

            assertThat(audit.maxGain()).as("best misreport gain on instance %d", instance).isLessThanOrEqualTo(1e-9);
            assertThat(audit.irViolations()).as("IR violations on instance %d", instance).isZero();
            assertThat(audit.negativePayments()).as("negative payments on instance %d", instance).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void klTruthfulUtilityIsTheMarginalContribution(int seed) {
        double lambda = 0.3 + seed * 0.2;
        MechanismInstance mechanism = Fixtures.mechanism(Map.of("lambda", lambda));
        RoundInput round = Fixtures.randomRound(new SplittableRandom(seed), 4, 12, "sum");
        RoundResult result = mechanism.clear(round);
        double[] logQ = round.reference().logProbabilities();

        for (int i = 0; i < round.reports().size(); i++) {
            Report rep = round.reports().get(i);
            double[] all = new double[12];
            double[] rest = new double[12];
            for (Report other : round.reports()) {
                for (int y = 0; y < 12; y++) {
                    all[y] += other.weight() * other.reward(y);
                    rest[y] += other == rep ? 0 : other.weight() * other.reward(y);
                }
            }
            double marginal = Divergence.KL.optimum(all, logQ, lambda).value() - Divergence.KL.optimum(rest, logQ, lambda).value();
            double utility = mechanism.value(rep, round, result) - result.paymentOf(rep.agent());
            assertThat(utility).isCloseTo(marginal, within(1e-10));
        }
    }

    @ParameterizedTest(name = "{0} normalization")
    @ValueSource(strings = {"sum", "max"})
    void withoutPaymentsPolarizationBeatsTruth(String normalization) {
        MechanismInstance free = Fixtures.mechanism(Map.of("payment", "none", "normalization", normalization));
        SplittableRandom random = new SplittableRandom(7);
        for (int instance = 0; instance < INSTANCES; instance++) {
            RoundInput round = Fixtures.randomRound(random, 3, 6, normalization);
            Report truth = round.reports().get(0);
            Report lie = Misreports.polarize(truth, Report.REWARDS, 0.01, Fixtures.shape(Map.of("normalization", normalization)));
            RoundInput lied = round.withReport(0, lie);

            double truthful = free.value(truth, round, free.clear(round));
            double lying = free.value(truth, lied, free.clear(lied));
            assertThat(lying).as("instance %d", instance).isGreaterThan(truthful);
        }
    }
}
