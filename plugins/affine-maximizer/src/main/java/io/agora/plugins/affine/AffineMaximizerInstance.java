package io.agora.plugins.affine;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismInstance;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.math.LeaveOneOut;
import io.agora.core.random.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One market of the affine-maximizer mechanism. Stateless across rounds (each round is a one-shot
 * report), so {@link #clear(RoundInput)} is a pure function of the settings and the round.
 */
final class AffineMaximizerInstance implements MechanismInstance {
    private final Settings settings;

    AffineMaximizerInstance(Settings settings) {
        this.settings = settings;
    }

    @Override
    public RoundResult clear(RoundInput round) {
        int m = round.outcomes().size();
        double[] logQ = round.reference().logProbabilities();
        for (int y = 0; y < m; y++) {
            if (logQ[y] == Double.NEGATIVE_INFINITY) {
                throw new InvalidInputException("reference[" + y + "]", "must be positive (the reference policy covers every outcome)");
            }
        }
        // The host hands over reports that fit the shape (the plugin API's contract for clear): checking them again here
        // was a second full pass over a 10,000 × 1,000 round.
        List<Report> reports = round.reports();
        List<Report> seen = settings.inputNoise() > 0 ? noisy(reports, round.round()) : reports;
        double[] weights = new double[reports.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = reports.get(i).weight();
        }
        return settings.menu() == null
                ? clearExact(round, seen, weights, logQ)
                : MenuClearing.clear(settings, round, seen, weights, logQ);
    }

    private RoundResult clearExact(RoundInput round, List<Report> reports, double[] weights, double[] logQ) {
        LeaveOneOut.Result r = LeaveOneOut.compute(settings.divergence(), logQ, reports, weights, settings.lambda());
        List<Payment> payments = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            double p = settings.payment() == PaymentRule.NONE ? 0 : r.payment(i);
            payments.add(new Payment(reports.get(i).agent(), p));
        }
        return new RoundResult(Policy.ofProbabilities(r.policy()), payments,
                Map.of("regularizedWelfare", r.welfare()), List.of());
    }

    /**
     * The rewards as the mechanism sees them under bounded input noise: each entry plus uniform noise in
     * [−ε, ε], clipped at 0. The noise of an agent depends on the seed, the round and the agent id only,
     * never on what the agent reports.
     */
    private List<Report> noisy(List<Report> reports, int roundNumber) {
        double eps = settings.inputNoise();
        List<Report> out = new ArrayList<>(reports.size());
        for (Report rep : reports) {
            SplittableRandom random = Seeds.random(settings.noiseSeed(), roundNumber, rep.agent().hashCode());
            double[] r = rep.rewards();
            for (int y = 0; y < r.length; y++) {
                r[y] = Math.max(0, r[y] + eps * (2 * random.nextDouble() - 1));
            }
            out.add(rep.withRewards(r, rep.weight()));
        }
        return out;
    }

    @Override
    public double value(Report type, RoundInput round, RoundResult result) {
        if (type.rewardCount() != round.outcomes().size()) {
            throw new InvalidInputException("rewards", "length " + type.rewardCount() + ", expected "
                    + round.outcomes().size() + " (the number of outcomes)");
        }
        return type.weight() * result.policy().expectedReward(type);
    }
}
