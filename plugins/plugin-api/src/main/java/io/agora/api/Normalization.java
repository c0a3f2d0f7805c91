package io.agora.api;

/**
 * How reward vectors over the outcomes are normalized: by their sum ({@code Σ r = 1}), by their maximum
 * ({@code max r = 1}), or not at all.
 */
public enum Normalization {
    /** Rewards are non-negative and sum to 1. */
    SUM("sum"),
    /** Rewards are non-negative and the largest is 1. */
    MAX("max"),
    /** Rewards are not normalized. */
    NONE("none");

    private final String id;

    Normalization(String id) {
        this.id = id;
    }

    /** The name used in parameters: {@code sum}, {@code max} or {@code none}. */
    public String id() {
        return id;
    }

    /** The normalization named {@code id}. */
    public static Normalization of(String id) {
        for (Normalization n : values()) {
            if (n.id.equals(id)) {
                return n;
            }
        }
        throw new InvalidInputException("normalization", "must be one of sum, max, none, got " + id);
    }

    /** The quantity the normalization fixes to 1: the sum, the maximum, or (for NONE) 1. */
    public double scale(double[] rewards) {
        return switch (this) {
            case SUM -> {
                double s = 0;
                for (double r : rewards) {
                    s += r;
                }
                yield s;
            }
            case MAX -> {
                double m = Double.NEGATIVE_INFINITY;
                for (double r : rewards) {
                    m = Math.max(m, r);
                }
                yield m;
            }
            case NONE -> 1.0;
        };
    }

    /**
     * Returns a normalized copy of {@code rewards}: negatives are clipped to 0 first (for SUM and MAX), then
     * the vector is divided by its scale. A vector that is zero everywhere becomes uniform (SUM) or all ones
     * (MAX), the only admissible vectors without a preference.
     */
    public double[] normalize(double[] rewards) {
        double[] r = rewards.clone();
        if (this == NONE) {
            return r;
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.max(0, r[i]);
        }
        double s = scale(r);
        for (int i = 0; i < r.length; i++) {
            r[i] = s > 0 ? r[i] / s : (this == SUM ? 1.0 / r.length : 1.0);
        }
        return r;
    }

    /**
     * Checks that a report's rewards meet this normalization within {@code tolerance}. Reads the rewards in
     * place, without copying them.
     *
     * @return {@code null} when they do, otherwise the rule they break, in words
     */
    public String violation(Report report, double tolerance) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < report.rewardCount(); y++) {
            double r = report.reward(y);
            sum += r;
            max = Math.max(max, r);
        }
        return violation(sum, max, tolerance);
    }

    /**
     * Checks a reward vector, given its sum and maximum, against this normalization within {@code tolerance}
     * (for callers that already pass over the vector).
     *
     * @return {@code null} when it meets it, otherwise the rule it breaks, in words
     */
    public String violation(double sum, double max, double tolerance) {
        if (this == NONE) {
            return null;
        }
        double s = this == SUM ? sum : max;
        if (Math.abs(s - 1) > tolerance) {
            return (this == SUM ? "must sum to 1 (sum normalization), sum is " : "must have maximum 1 (max normalization), max is ") + s;
        }
        return null;
    }
}
