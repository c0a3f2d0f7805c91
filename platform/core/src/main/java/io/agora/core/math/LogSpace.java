package io.agora.core.math;

/** Log-space arithmetic: log-sum-exp with the max shift, so partition functions never overflow. */
public final class LogSpace {
    private LogSpace() {
    }

    /** {@code log Σ exp(x_i)}; {@code -Infinity} for an empty or all {@code -Infinity} input. */
    public static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** Below this |x|, {@link #expNeg(double)} sums 8 terms of its series (truncation error below 1e-19). */
    static final double SHORT_SERIES_LIMIT = 0x1p-6;
    /** Below this |x|, {@link #expNeg(double)} sums 11 terms of its series (truncation error below 1e-20). */
    static final double SERIES_LIMIT = 0x1p-4;

    /**
     * {@code exp(−x)}, as accurate as {@link Math#exp(double)} (within 2 ulp) and about twice as fast for
     * small |x|: there it sums the Taylor series, to the x⁷ term below 2⁻⁶ and to the x¹⁰ term below 2⁻⁴
     * (the next term is below 1e-19 relative in both cases).
     * Large rounds with sum-normalized rewards spend most of their time on exactly such arguments, since
     * each reward is about 1/m.
     */
    public static double expNeg(double x) {
        double ax = Math.abs(x);
        if (ax < SHORT_SERIES_LIMIT) {
            return 1 - x * (1 - x * (0.5 - x * (1.0 / 6 - x * (1.0 / 24 - x * (1.0 / 120 - x * (1.0 / 720 - x * (1.0 / 5040)))))));
        }
        if (ax < SERIES_LIMIT) {
            return 1 - x * (1 - x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x * (1.0 / 120 - x * (1.0 / 720
                    - x * (1.0 / 5040 - x * (1.0 / 40320 - x * (1.0 / 362880 - x * (1.0 / 3628800))))))))));
        }
        return Math.exp(-x);
    }
}
