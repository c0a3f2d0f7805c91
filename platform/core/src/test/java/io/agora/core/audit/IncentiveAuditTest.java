package io.agora.core.audit;

import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportSpace;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.math.Divergence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit against two small mechanisms written here: one manipulable, one trivially truthful. */
class IncentiveAuditTest {

    /** KL welfare maximization with no payments: over-reporting one's size pays. */
    private static final class NoPayments implements MechanismInstance {
        @Override
        public ReportSpace reportSpace(OutcomeSpace outcomes) {
            return new ReportSpace(outcomes.size(), true, Normalization.SUM, 1, 10, true);
        }

        @Override
        public void validate(Report report, OutcomeSpace outcomes) {
        }

        @Override
        public RoundResult clear(RoundInput round) {
            double[] r = new double[round.outcomes().size()];
            for (Report rep : round.reports()) {
                for (int y = 0; y < r.length; y++) {
                    r[y] += rep.weight() * rep.reward(y);
                }
            }
            double[] p = Divergence.KL.optimum(r, round.reference().logProbabilities(), 1).probs();
            return new RoundResult(Policy.ofProbabilities(p), round.reports().stream().map(x -> new Payment(x.agent(), 0)).toList());
        }

        @Override
        public double value(Report type, RoundInput round, RoundResult result) {
            return type.weight() * result.policy().expectedReward(type);
        }
    }

    /** Always the reference policy and a fee of 2: truthful, but not individually rational for group a. */
    private static final class ConstantFee implements MechanismInstance {
        @Override
        public ReportSpace reportSpace(OutcomeSpace outcomes) {
            return new ReportSpace(outcomes.size(), true, Normalization.SUM, 1, 10, true);
        }

        @Override
        public void validate(Report report, OutcomeSpace outcomes) {
        }

        @Override
        public RoundResult clear(RoundInput round) {
            return new RoundResult(round.reference(), round.reports().stream().map(x -> new Payment(x.agent(), 2)).toList());
        }

        @Override
        public double value(Report type, RoundInput round, RoundResult result) {
            return type.weight() * result.policy().expectedReward(type);
        }
    }

    private static RoundInput round() {
        return new RoundInput(0, OutcomeSpace.of(3), Policy.uniform(3), List.of(
                Report.ofRewards("a", new double[] {0.6, 0.3, 0.1}, 3),
                Report.ofRewards("b", new double[] {0.1, 0.3, 0.6}, 7)));
    }

    @Test
    void findsTheGainOfOverstatingWithoutPayments() {
        AuditResult audit = new IncentiveAudit(new NoPayments(), AuditConfig.defaults()).audit(round(), round().reports());

        AgentAudit a = audit.agents().get(0);
        assertThat(a.maxGain()).isPositive();
        assertThat(a.gainByFamily().get("alpha-weight")).isPositive();
        assertThat(a.gainByFamily().get("epsilon-polarization")).isPositive();
        assertThat(a.bestReport().weight()).isGreaterThan(3);
    }

    @Test
    void reportsNoGainButTheIrViolationOfAConstantFee() {
        AuditResult audit = new IncentiveAudit(new ConstantFee(), AuditConfig.defaults()).audit(round(), round().reports());

        assertThat(audit.maxGain()).isZero();
        assertThat(audit.irViolations()).isEqualTo(1);
        assertThat(audit.agents()).extracting(AgentAudit::bestFamily).containsOnly("truthful");
    }

    @Test
    void isDeterministicForASeed() {
        AuditConfig config = AuditConfig.defaults().withSeed(9);
        AuditResult first = new IncentiveAudit(new NoPayments(), config).audit(round(), round().reports());
        AuditResult second = new IncentiveAudit(new NoPayments(), config).audit(round(), round().reports());

        assertThat(second).isEqualTo(first);
    }
}
