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
}
