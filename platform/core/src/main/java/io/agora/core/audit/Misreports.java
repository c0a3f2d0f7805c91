package io.agora.core.audit;

import io.agora.api.Normalization;
import io.agora.api.Report;
import io.agora.api.ReportSpace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The misreport families of the incentive audit, each an admissible transformation of a true type. Shared
 * by the audit and by the strategy plugins, so a strategy and the audit mean the same thing by a name.
 */
public final class Misreports {
    private Misreports() {
    }

    /** α-scaling of the group size: {@code w̃ = α·w}, made admissible (rounded, clamped to the bounds). */
    public static Report scaleWeight(Report type, double alpha, ReportSpace space) {
        return type.withRewards(type.rewards(), space.admissibleWeight(alpha * type.weight()));
    }

    /** α-scaling of the rewards: {@code r̃ = α·r}, made admissible (a no-op under sum or max normalization). */
    public static Report scaleRewards(Report type, double alpha, ReportSpace space) {
        double[] r = type.rewards();
        for (int y = 0; y < r.length; y++) {
            r[y] *= alpha;
        }
        return type.withRewards(space.admissibleRewards(r), type.weight());
    }

    /**
     * β-mixing with the others: {@code r̃ = β·r + (1−β)·r̄}, made admissible, where {@code r̄} is the mean of
     * {@code others}' rewards (β &gt; 1 pushes away from the others, β &lt; 1 toward them).
     */
    public static Report mix(Report type, double beta, List<Report> others, ReportSpace space) {
        double[] mean = meanRewards(others, type.rewardCount());
        double[] r = type.rewards();
        for (int y = 0; y < r.length; y++) {
            r[y] = beta * r[y] + (1 - beta) * mean[y];
        }
        return type.withRewards(space.admissibleRewards(r), type.weight());
    }

    /**
     * ε-polarization (the misreport that beats truth without payments): under sum normalization +ε on the
     * best outcome and −ε on the worst; under max normalization −ε on the worst only; with no normalization
     * both. The step is capped at the smallest reward, {@code ε_eff = min(ε, min r)}, so the reduced entry
     * stops at 0 and the report stays admissible.
     */
    public static Report polarize(Report type, double epsilon, ReportSpace space) {
        double[] r = type.rewards();
        int best = 0;
        int worst = 0;
        for (int y = 1; y < r.length; y++) {
            if (r[y] > r[best]) {
                best = y;
            }
            if (r[y] < r[worst]) {
                worst = y;
            }
        }
        if (best == worst) {
            return type;
        }
        double step = space.nonNegative() ? Math.min(epsilon, r[worst]) : epsilon;
        r[worst] -= step;
        if (space.normalization() != Normalization.MAX) {
            r[best] += step;
        }
        return type.withRewards(r, type.weight());
    }

    /** A uniformly random admissible report: rewards uniform on [0,1]^m then normalized, weight uniform. */
    public static Report random(Report type, ReportSpace space, SplittableRandom random) {
        double[] r = new double[type.rewardCount()];
        for (int y = 0; y < r.length; y++) {
            r[y] = random.nextDouble();
        }
        double w = space.minWeight() + random.nextDouble() * (space.maxWeight() - space.minWeight());
        return type.withRewards(space.admissibleRewards(r), space.admissibleWeight(w));
    }

    /**
     * A random admissible neighbour of {@code report}: with step δ, either some reward mass moves between
     * two outcomes (sum), one reward moves by ±δ within [0, 1] (max, none), or the weight moves by one unit.
     */
    public static Report neighbour(Report report, double step, ReportSpace space, SplittableRandom random) {
        int m = report.rewardCount();
        boolean moveWeight = space.maxWeight() > space.minWeight() && (m < 2 || random.nextInt(4) == 0);
        if (moveWeight) {
            double unit = space.integerWeights() ? 1 : Math.max(step, 1e-3) * (space.maxWeight() - space.minWeight());
            double w = report.weight() + (random.nextBoolean() ? unit : -unit);
            return report.withRewards(report.rewards(), space.admissibleWeight(w));
        }
        if (m < 2) {
            return report;
        }
        double[] r = report.rewards();
        int from = random.nextInt(m);
        int to = random.nextInt(m - 1);
        if (to >= from) {
            to++;
        }
        double delta = step * random.nextDouble();
        if (space.normalization() == Normalization.SUM) {
            delta = Math.min(delta, r[from]);
            r[from] -= delta;
            r[to] += delta;
            return report.withRewards(r, report.weight());
        }
        r[from] += random.nextBoolean() ? delta : -delta;
        if (space.normalization() == Normalization.MAX) {
            r[from] = Math.min(1, r[from]);
        }
        return report.withRewards(space.admissibleRewards(r), report.weight());
    }

    static double[] meanRewards(List<Report> reports, int m) {
        double[] mean = new double[m];
        if (reports.isEmpty()) {
            return mean;
        }
        for (Report o : reports) {
            for (int y = 0; y < m; y++) {
                mean[y] += o.reward(y) / reports.size();
            }
        }
        return mean;
    }
}
