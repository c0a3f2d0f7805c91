package io.agora.api;

import java.util.Objects;

/**
 * The set of reports a mechanism admits in a round, described so that strategies and audits can build
 * admissible misreports without knowing the mechanism: reward vectors of a given length, sign and
 * normalization, and a weight (group size) within bounds.
 *
 * @param outcomes       the length of a reward vector (the number of outcomes)
 * @param nonNegative    whether rewards must be {@code >= 0}
 * @param normalization  how reward vectors are normalized
 * @param minWeight      the smallest admissible weight
 * @param maxWeight      the largest admissible weight (the public bound on group sizes)
 * @param integerWeights whether weights must be whole numbers
 */
public record ReportSpace(int outcomes, boolean nonNegative, Normalization normalization, double minWeight,
                          double maxWeight, boolean integerWeights) {

    /** Checks that the bounds are consistent. */
    public ReportSpace {
        Objects.requireNonNull(normalization, "normalization");
        if (outcomes < 1 || !(minWeight <= maxWeight)) {
            throw new IllegalArgumentException("bad report space: outcomes " + outcomes + ", weights [" + minWeight + ", " + maxWeight + "]");
        }
    }

    /** The closest admissible reward vector to {@code rewards}: clipped at 0 when required, then normalized. */
    public double[] admissibleRewards(double[] rewards) {
        double[] r = rewards.clone();
        if (nonNegative) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(0, r[i]);
            }
        }
        return normalization.normalize(r);
    }

    /** The closest admissible weight to {@code weight}: rounded when whole numbers are required, then clamped. */
    public double admissibleWeight(double weight) {
        double w = integerWeights ? Math.rint(weight) : weight;
        return Math.max(minWeight, Math.min(maxWeight, w));
    }

    /** {@code report} with its rewards and weight made admissible. */
    public Report admissible(Report report) {
        return report.withRewards(admissibleRewards(report.rewards()), admissibleWeight(report.weight()));
    }
}
