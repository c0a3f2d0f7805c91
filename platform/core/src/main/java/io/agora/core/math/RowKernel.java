package io.agora.core.math;

import io.agora.api.Report;

/**
 * The inner loop of the KL leave-one-out pass, for one report row r with weight c = w/λ:
 * {@code Σ_y e(y)·exp(−c·r(y))} and {@code Σ_y θ(y)·r(y)}.
 */
interface RowKernel {

    /**
     * @param e     {@code exp(log q + R/λ − A)} per outcome
     * @param theta θ* per outcome
     * @param row   the report
     * @param c     its weight divided by λ
     * @param out   receives the shifted partition sum in {@code out[0]} and {@code ⟨θ*, r⟩} in {@code out[1]}
     */
    void row(double[] e, double[] theta, Report row, double c, double[] out);

    /** The scalar kernel: {@link LogSpace#expNeg(double)} per outcome. */
    RowKernel SCALAR = (e, theta, row, c, out) -> {
        double s = 0;
        double v = 0;
        for (int y = 0; y < e.length; y++) {
            double r = row.reward(y);
            s += e[y] * LogSpace.expNeg(c * r);
            v += theta[y] * r;
        }
        out[0] = s;
        out[1] = v;
    };
}
