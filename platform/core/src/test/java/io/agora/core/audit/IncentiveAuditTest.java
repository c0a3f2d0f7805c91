package io.agora.core.audit;

import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.math.Divergence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit against small mechanisms written here: manipulable ones (by weight, by ranking) and a trivially truthful one. */
class IncentiveAuditTest {
    private static final ReportShape P1 = ReportShape.of(
            ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
            ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true));
    private static final ReportShape RANKED = ReportShape.of(ReportComponent.ranking("ranking", "outcomes, best first", 3));

    /** Plurality of first places, ties to the lowest outcome, no payments: a voter may gain by ranking a rival first. */
    private static final class Plurality implements MechanismInstance {
        @Override
        public RoundResult clear(RoundInput round) {
            int m = round.outcomes().size();
            int[] votes = new int[m];
            for (Report r : round.reports()) {
                votes[r.ranking("ranking")[0]]++;
            }
            int winner = 0;
            for (int y = 1; y < m; y++) {
                winner = votes[y] > votes[winner] ? y : winner;
            }
            double[] p = new double[m];
            p[winner] = 1;
            return new RoundResult(Policy.ofProbabilities(p), round.reports().stream().map(x -> new Payment(x.agent(), 0)).toList());
        }

        @Override
        public double value(Report type, RoundInput round, RoundResult result) {
            int[] k = type.ranking("ranking");
            double v = 0;
            for (int pos = 0; pos < k.length; pos++) {
                v += result.policy().prob(k[pos]) * (k.length - 1 - pos);
            }
            return v;
        }
    }

    /** KL welfare maximization with no payments: over-reporting one's size pays. */
    private static final class NoPayments implements MechanismInstance {
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
        AuditResult audit = new IncentiveAudit(new NoPayments(), P1, AuditConfig.defaults()).audit(round(), round().reports());

        AgentAudit a = audit.agents().get(0);
        assertThat(a.maxGain()).isPositive();
        assertThat(a.gainByFamily().get("alpha-weight")).isPositive();
        assertThat(a.gainByFamily().get("epsilon-polarization")).isPositive();
        assertThat(a.bestReport().weight()).isGreaterThan(3);
    }

    @Test
    void reportsNoGainButTheIrViolationOfAConstantFee() {
        AuditResult audit = new IncentiveAudit(new ConstantFee(), P1, AuditConfig.defaults()).audit(round(), round().reports());

        assertThat(audit.maxGain()).isZero();
        assertThat(audit.irViolations()).isEqualTo(1);
        assertThat(audit.agents()).extracting(AgentAudit::bestFamily).containsOnly("truthful");
    }

    @Test
    void isDeterministicForASeed() {
        AuditConfig config = AuditConfig.defaults().withSeed(9);
        AuditResult first = new IncentiveAudit(new NoPayments(), P1, config).audit(round(), round().reports());
        AuditResult second = new IncentiveAudit(new NoPayments(), P1, config).audit(round(), round().reports());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void buildsMisreportsOfARankingShapeFromItsDeclaration() {
        // a prefers 2 > 1 > 0; truthful, three one-vote outcomes tie and 0, a's worst, wins; ranking 1 first makes 1 win.
        RoundInput round = new RoundInput(0, OutcomeSpace.of(3), Policy.uniform(3), List.of(
                Report.builder("a").ranking("ranking", new int[] {2, 1, 0}).build(),
                Report.builder("b").ranking("ranking", new int[] {0, 1, 2}).build(),
                Report.builder("c").ranking("ranking", new int[] {1, 2, 0}).build()));
        AuditResult audit = new IncentiveAudit(new Plurality(), RANKED, AuditConfig.defaults()).audit(round, List.of(round.reports().get(0)));
        assertThat(audit.agents().get(0).gainByFamily()).containsKeys("ranking-swaps", "random", "local-search");
        assertThat(audit.agents().get(0).gainByFamily().get("ranking-swaps")).isEqualTo(1.0);
        assertThat(audit.agents().get(0).bestReport().ranking("ranking")[0]).isEqualTo(1);
    }

    /**
     * P2's belief extremization: a labeler whose value is how close the averaged label comes to its own preferred
     * label 1 gains by reporting 1, and the audit finds it in the extremization family.
     */
    @Test
    void extremizingAProbabilityIsAFamilyOfTheAudit() {
        ReportShape labels = ReportShape.of(ReportComponent.probability("probability", "P(A beats B)"));
        io.agora.api.MechanismInstance averaging = new io.agora.api.MechanismInstance() {
            @Override
            public io.agora.api.RoundResult clear(RoundInput round) {
                double mean = round.reports().stream().mapToDouble(r -> r.number("probability")).average().orElse(0.5);
                return new io.agora.api.RoundResult(Policy.ofProbabilities(new double[] {mean, 1 - mean}),
                        round.reports().stream().map(r -> new io.agora.api.Payment(r.agent(), 0)).toList());
            }

            @Override
            public double value(Report type, RoundInput round, io.agora.api.RoundResult result) {
                double label = result.policy().prob(0);
                return -(label - 1) * (label - 1); // wants the label to be 1, whatever it believes
            }
        };
        RoundInput round = new RoundInput(0, OutcomeSpace.of(2), Policy.uniform(2), List.of(
                Report.builder("a").number("probability", 0.7).build(), Report.builder("b").number("probability", 0.2).build()));
        AuditResult audit = new IncentiveAudit(averaging, labels, AuditConfig.defaults()).audit(round, List.of(round.reports().get(0)));
        assertThat(audit.agents().get(0).gainByFamily()).containsKey("extremize-probability");
        // Truthful: label 0.45, value −0.3025; reporting 1: label 0.6, value −0.16.
        assertThat(audit.agents().get(0).gainByFamily().get("extremize-probability")).isCloseTo(0.3025 - 0.16, org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * P4's bid shading: under pay-as-bid a single seller (paid its ask, at cost 0.4) gains by asking more, and the audit
     * finds it in the shading family; a number that is not money gets no shading, and one that is not a probability
     * is not extremized.
     */
    @Test
    void shadingABidIsAFamilyOfTheAuditForMoneyOnly() {
        ReportShape asks = ReportShape.of(ReportComponent.money("bid", "the asked price", 1), ReportComponent.number("size", "a size", 0, 1, false));
        io.agora.api.MechanismInstance payAsBid = new io.agora.api.MechanismInstance() {
            @Override
            public io.agora.api.RoundResult clear(RoundInput round) {
                return new io.agora.api.RoundResult(Policy.uniform(2),
                        round.reports().stream().map(r -> new io.agora.api.Payment(r.agent(), -r.number("bid"))).toList());
            }

            @Override
            public double value(Report type, RoundInput round, io.agora.api.RoundResult result) {
                return -type.number("bid"); // its cost
            }
        };
        RoundInput round = new RoundInput(0, OutcomeSpace.of(2), Policy.uniform(2), List.of(
                Report.builder("a").number("bid", 0.4).number("size", 0.5).build()));
        AuditResult audit = new IncentiveAudit(payAsBid, asks, AuditConfig.defaults().withEffort(0, 0)).audit(round, round.reports());
        var gains = audit.agents().get(0).gainByFamily();
        assertThat(gains).containsKeys("shade-bid", "alpha-bid", "alpha-size").doesNotContainKeys("shade-size", "extremize-size", "extremize-bid");
        assertThat(gains.get("shade-bid")).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12)); // asks 0.6 = 0.4 × 1.5
    }
}
