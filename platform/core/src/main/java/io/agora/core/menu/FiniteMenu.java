package io.agora.core.menu;

import io.agora.api.Report;
import io.agora.core.math.Divergence;

import java.util.List;

/**
 * A finite menu {@code Θ' = {θ_1..θ_K}} of candidate policies (for instance reward soups) with the
 * divergence of each from the reference and every agent's value for each.
 *
 * <p>Welfare over the menu is {@code ASW(k) = Σ_i w_i v_i(θ_k) − D(θ_k‖q)}; argmaxes break ties toward the
 * lowest index, so results are deterministic.
 */
public final class FiniteMenu {
    private final double[][] policies;
    private final double[] divergences;

    private FiniteMenu(double[][] policies, double[] divergences) {
        this.policies = policies;
        this.divergences = divergences;
    }

    /**
     * A menu of K policies, each given as probabilities over the m outcomes (normalized here).
     *
     * @param policies   K rows of m non-negative weights with positive sums
     * @param q          the reference probabilities
     * @param divergence the regularizer
     * @param lambda     its weight
     */
    public static FiniteMenu of(double[][] policies, double[] q, Divergence divergence, double lambda) {
        double[][] normalized = new double[policies.length][];
        double[] d = new double[policies.length];
        for (int k = 0; k < policies.length; k++) {
            double sum = 0;
            for (double v : policies[k]) {
                sum += v;
            }
            normalized[k] = new double[policies[k].length];
            for (int y = 0; y < normalized[k].length; y++) {
                normalized[k][y] = policies[k][y] / sum;
            }
            d[k] = divergence.value(normalized[k], q, lambda);
        }
        return new FiniteMenu(normalized, d);
    }

    /** The number of entries K. */
    public int size() {
        return policies.length;
    }

    /** Entry k's probabilities (a copy). */
    public double[] policy(int k) {
        return policies[k].clone();
    }

    /** {@code D(θ_k‖q)}. */
    public double divergence(int k) {
        return divergences[k];
    }

    /** {@code v(θ_k) = Σ_y θ_k(y)·r(y)} for one report's rewards. */
    public double value(int k, Report report) {
        double v = 0;
        double[] p = policies[k];
        for (int y = 0; y < p.length; y++) {
            v += p[y] * report.reward(y);
        }
        return v;
    }

    /**
     * Every weighted value {@code w_i·v_i(θ_k)}, as a K×n table.
     *
     * @param reports the reports
     * @param weights the weight of each
     */
    public double[][] weightedValues(List<Report> reports, double[] weights) {
        double[][] table = new double[size()][reports.size()];
        for (int k = 0; k < size(); k++) {
            for (int i = 0; i < reports.size(); i++) {
                table[k][i] = weights[i] * value(k, reports.get(i));
            }
        }
        return table;
    }

    /** {@code ASW(k)} for every entry, from a K×n table of weighted values. */
    public double[] welfare(double[][] weightedValues) {
        double[] asw = new double[size()];
        for (int k = 0; k < size(); k++) {
            double s = 0;
            for (double v : weightedValues[k]) {
                s += v;
            }
            asw[k] = s - divergences[k];
        }
        return asw;
    }

    /** The index of the largest value among {@code candidates} (lowest index on ties). */
    public static int argmax(double[] values, int[] candidates) {
        int best = candidates[0];
        for (int k : candidates) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
