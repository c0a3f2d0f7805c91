package io.agora.core.game;

import io.agora.api.InvalidInputException;

/**
 * Min-max-regret aggregation of K policies (MMRA): with {@code L[i][j]} type i's value of policy j and weights
 * {@code w}, the regret matrix is {@code R[i][j] = w_i·(L[i][i] − L[i][j])} plus a row of zeros, and the deployed
 * mixture is {@code y* = argmin_{y ∈ Δ_K} max_i (R·y)_i}. {@link #exact} solves that linear program exactly (a
 * dense simplex with Bland's rule; K is the number of types, so small); {@link #hedge} approximates it with
 * optimistic Hedge, the no-regret dynamic that also scales to many types.
 */
public final class MinMaxRegret {
    private MinMaxRegret() {
    }

    /**
     * A mixture and its worst regret.
     *
     * @param weights   the mixture over the K policies
     * @param maxRegret {@code max_i (R·weights)_i}
     */
    public record Mixture(double[] weights, double maxRegret) {
    }

    /** The regret matrix {@code R[i][j] = w_i·(L[i][i] − L[i][j])}, with the row of zeros appended. */
    public static double[][] regrets(double[][] values, double[] typeWeights) {
        int k = values.length;
        if (k == 0 || typeWeights.length != k) {
            throw new InvalidInputException("weights", "one weight per type: " + k + ", got " + typeWeights.length);
        }
        double[][] r = new double[k + 1][k];
        for (int i = 0; i < k; i++) {
            if (values[i].length != k) {
                throw new InvalidInputException("values[" + i + "]", "length " + values[i].length + ", expected " + k + " (a square matrix)");
            }
            if (!(typeWeights[i] >= 0) || Double.isInfinite(typeWeights[i])) {
                throw new InvalidInputException("weights[" + i + "]", "must be a finite number at least 0, got " + typeWeights[i]);
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new InvalidInputException("values[" + i + "][" + j + "]", "must be finite, got " + values[i][j]);
                }
                r[i][j] = typeWeights[i] * (values[i][i] - values[i][j]);
            }
        }
        return r;
    }

    /** The worst row of {@code r·y}. */
    public static double maxRegret(double[][] r, double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : r) {
            double v = 0;
            for (int j = 0; j < y.length; j++) {
                v += row[j] * y[j];
            }
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * The exact minimizer of {@code max_i (r·y)_i} over the simplex. With {@code a = r + c} for a shift {@code c} that
     * makes every entry positive, {@code min_y max_i (a·y)_i = 1 / max{Σu : a·u ≤ 1, u ≥ 0}} with {@code y = u / Σu}
     * (the minimizing player's side of a game with positive payoffs): a linear program solved exactly (up to
     * rounding) by the simplex method.
     */
    public static Mixture exact(double[][] r) {
        int rows = r.length;
        int k = r[0].length;
        // With a = r + c (c makes every entry positive), max_i (a·y)_i = max_i (r·y)_i + c on the simplex. The LP
        // max Σu s.t. a·u ≤ 1, u ≥ 0 has y = u / Σu with max_i (a·y)_i = 1 / Σu, the least such maximum.
        double c = 1;
        for (double[] row : r) {
            for (double v : row) {
                c = Math.max(c, 1 - v);
            }
        }
        int cols = k + rows; // u and the slacks
        double[][] t = new double[rows + 1][cols + 1];
        int[] basis = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                t[i][j] = r[i][j] + c;
            }
            t[i][k + i] = 1;
            t[i][cols] = 1;
            basis[i] = k + i;
        }
        for (int j = 0; j < k; j++) {
            t[rows][j] = -1; // objective row: maximize Σu
        }
        simplex(t, basis, rows, cols);
        double[] u = new double[k];
        for (int i = 0; i < rows; i++) {
            if (basis[i] < k) {
                u[basis[i]] = t[i][cols];
            }
        }
        double sum = 0;
        for (double v : u) {
            sum += v;
        }
        double[] y = new double[k];
        for (int j = 0; j < k; j++) {
            y[j] = u[j] / sum;
        }
        return new Mixture(y, maxRegret(r, y));
    }

    /** Bland's rule: the entering column is the lowest index with a negative reduced cost; no cycling. */
    private static void simplex(double[][] t, int[] basis, int rows, int cols) {
        double eps = 1e-12;
        for (int iteration = 0; iteration < 10_000; iteration++) {
            int enter = -1;
            for (int j = 0; j < cols; j++) {
                if (t[rows][j] < -eps) {
                    enter = j;
                    break;
                }
            }
            if (enter < 0) {
                return;
            }
            int leave = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                if (t[i][enter] > eps) {
                    double ratio = t[i][cols] / t[i][enter];
                    if (ratio < best - eps || (Math.abs(ratio - best) <= eps && basis[i] < basis[leave])) {
                        best = ratio;
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                throw new IllegalStateException("unbounded: cannot happen with positive payoffs");
            }
            double pivot = t[leave][enter];
            for (int j = 0; j <= cols; j++) {
                t[leave][j] /= pivot;
            }
            for (int i = 0; i <= rows; i++) {
                if (i != leave && t[i][enter] != 0) {
                    double f = t[i][enter];
                    for (int j = 0; j <= cols; j++) {
                        t[i][j] -= f * t[leave][j];
                    }
                }
            }
            basis[leave] = enter;
        }
        throw new IllegalStateException("the simplex method did not converge in 10,000 pivots");
    }

    /**
     * Optimistic Hedge for the zero-sum game: the mixture player (columns) and the regret player (rows) both play
     * multiplicative weights on their cumulative losses with the last one counted twice; the average mixture over
     * {@code steps} approaches {@code y*} at rate O(1/steps).
     *
     * @param eta   the learning rate, greater than 0
     * @param steps rounds of play, at least 1
     */
    public static Mixture hedge(double[][] r, double eta, int steps) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new InvalidInputException("eta", "must be a finite number greater than 0, got " + eta);
        }
        if (steps < 1) {
            throw new InvalidInputException("steps", "must be at least 1, got " + steps);
        }
        int rows = r.length;
        int k = r[0].length;
        double[] yLog = new double[k];
        double[] xLog = new double[rows];
        double[] yLoss = new double[k];
        double[] xGain = new double[rows];
        double[] average = new double[k];
        for (int s = 0; s < steps; s++) {
            double[] y = softmax(yLog, yLoss, -eta);
            double[] x = softmax(xLog, xGain, eta);
            for (int j = 0; j < k; j++) {
                double v = 0;
                for (int i = 0; i < rows; i++) {
                    v += x[i] * r[i][j];
                }
                yLoss[j] = v;
                yLog[j] -= eta * v;
                average[j] += y[j] / steps;
            }
            for (int i = 0; i < rows; i++) {
                double v = 0;
                for (int j = 0; j < k; j++) {
                    v += r[i][j] * y[j];
                }
                xGain[i] = v;
                xLog[i] += eta * v;
            }
        }
        return new Mixture(average, maxRegret(r, average));
    }

    /** The optimistic play: weights ∝ exp(cumulative + sign·last), the last loss counted twice as a forecast of the next. */
    private static double[] softmax(double[] cumulative, double[] last, double sign) {
        double[] z = new double[cumulative.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < z.length; j++) {
            z[j] = cumulative[j] + sign * last[j];
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            z[j] = Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < z.length; j++) {
            z[j] /= sum;
        }
        return z;
    }
}
