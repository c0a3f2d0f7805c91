package io.agora.core.math;

import io.agora.api.Report;

import java.util.List;

/**
 * Regularized social welfare with every agent left out in turn: the quantities behind affine-maximizer
 * (Clarke pivot) payments.
 *
 * <p>For reports {@code r_i} with weights {@code w_i}, aggregate {@code R = Σ w_i r_i} and the optimum
 * {@code θ* = argmax Σ θ·R − D(θ‖q)}, this computes {@code ASW(θ*)}, every {@code ASW_−i(θ_−i)} (the optimum
 * of the same problem with {@code R − w_i r_i}) and every {@code w_i·v_i(θ*)}. The payment of i is then
 * {@code ASW_−i(θ_−i) − ASW(θ*) + w_i v_i(θ*)}.
 *
 * <p>Under KL this is one pass over the n×m report matrix: with {@code e(y) = exp(log q(y) + R(y)/λ − A)}
 * computed once, {@code G(R − w_i r_i) = λ·(A + log Σ_y e(y)·exp(−w_i r_i(y)/λ))}, and the same pass reads
 * {@code ⟨θ*, r_i⟩}. Rows run in parallel on the common fork-join pool when the matrix is large. Rows whose
 * shifted sum would underflow are recomputed with their own log-sum-exp, so extreme tilts stay exact.
 */
public final class LeaveOneOut {
    /** Below this many matrix entries the work stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;
    /** A shifted partition sum below this is recomputed exactly rather than trusted. */
    private static final double UNDERFLOW_GUARD = 1e-250;

    private LeaveOneOut() {
    }

    /**
     * The welfare terms for every agent.
     *
     * @param policy         θ*, as probabilities
     * @param welfare        {@code ASW(θ*)}; under KL this is {@code G(R)}
     * @param welfareWithout {@code ASW_−i(θ_−i)} per agent
     * @param weightedValues {@code w_i·v_i(θ*)} per agent
     */
    public record Result(double[] policy, double welfare, double[] welfareWithout, double[] weightedValues) {

        /** The affine-maximizer payment of agent {@code i}: {@code ASW_−i(θ_−i) − ASW_−i(θ*)}. */
        public double payment(int i) {
            return welfareWithout[i] - (welfare - weightedValues[i]);
        }
    }

    /**
     * Computes the optimum and the leave-one-out welfare for every agent.
     *
     * @param divergence the regularizer
     * @param logQ       the reference log-probabilities, finite
     * @param reports    the reports; each has one reward per outcome
     * @param weights    the weight used for each report (its reported group size)
     * @param lambda     the regularization weight λ &gt; 0
     */
    public static Result compute(Divergence divergence, double[] logQ, List<Report> reports, double[] weights, double lambda) {
        double[] aggregate = aggregate(reports, weights, logQ.length);
        return divergence == Divergence.KL
                ? kl(logQ, reports, weights, lambda, aggregate)
                : generic(divergence, logQ, reports, weights, lambda, aggregate);
    }

    /** {@code R(y) = Σ_i w_i r_i(y)}, summed by column blocks in parallel for large matrices. */
    static double[] aggregate(List<Report> reports, double[] weights, int m) {
        double[] r = new double[m];
        int blocks = parallel(reports.size(), m) ? Math.max(1, Runtime.getRuntime().availableProcessors() * 4) : 1;
        int blockSize = (m + blocks - 1) / blocks;
        Ranges.forEach(blocks, blocks > 1, b -> {
            int from = b * blockSize;
            int to = Math.min(m, from + blockSize);
            for (int i = 0; i < reports.size(); i++) {
                Report rep = reports.get(i);
                double w = weights[i];
                for (int y = from; y < to; y++) {
                    r[y] += w * rep.reward(y);
                }
            }
        });
        return r;
    }

    private static Result kl(double[] logQ, List<Report> reports, double[] weights, double lambda, double[] aggregate) {
        int m = logQ.length;
        int n = reports.size();
        double[] a = new double[m];
        double shift = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < m; y++) {
            a[y] = logQ[y] + aggregate[y] / lambda;
            shift = Math.max(shift, a[y]);
        }
        double[] e = new double[m];
        double z = 0;
        for (int y = 0; y < m; y++) {
            e[y] = Math.exp(a[y] - shift);
            z += e[y];
        }
        double logZ = shift + Math.log(z);
        double[] policy = new double[m];
        for (int y = 0; y < m; y++) {
            policy[y] = e[y] / z;
        }
        double[] without = new double[n];
        double[] values = new double[n];
        final double fShift = shift;
        RowKernel kernel = RowKernels.selected();
        Ranges.forEach(n, parallel(n, m), i -> {
            Report rep = reports.get(i);
            double c = weights[i] / lambda;
            double[] sv = new double[2];
            kernel.row(e, policy, rep, c, sv);
            double s = sv[0];
            double logS = (s > UNDERFLOW_GUARD && s < Double.POSITIVE_INFINITY) ? fShift + Math.log(s) : exactLeaveOut(a, rep, c);
            without[i] = lambda * logS;
            values[i] = weights[i] * sv[1];
        });
        return new Result(policy, lambda * logZ, without, values);
    }

    private static double exactLeaveOut(double[] a, Report rep, double c) {
        double[] b = new double[a.length];
        for (int y = 0; y < a.length; y++) {
            b[y] = a[y] - c * rep.reward(y);
        }
        return LogSpace.logSumExp(b);
    }

    private static Result generic(Divergence d, double[] logQ, List<Report> reports, double[] weights, double lambda, double[] aggregate) {
        int m = logQ.length;
        int n = reports.size();
        Optimum best = d.optimum(aggregate, logQ, lambda);
        double[] without = new double[n];
        double[] values = new double[n];
        Ranges.forEach(n, parallel(n, m), i -> {
            Report rep = reports.get(i);
            double[] rest = aggregate.clone();
            double v = 0;
            for (int y = 0; y < m; y++) {
                double r = rep.reward(y);
                rest[y] -= weights[i] * r;
                v += best.probs()[y] * r;
            }
            without[i] = d.optimum(rest, logQ, lambda).value();
            values[i] = weights[i] * v;
        });
        return new Result(best.probs(), best.value(), without, values);
    }

    private static boolean parallel(int n, int m) {
        return (long) n * m >= PARALLEL_THRESHOLD && n > 1;
    }
}
