package io.agora.core.rating;

import io.agora.api.InvalidInputException;

import java.util.Arrays;
import java.util.List;

/**
 * Bradley–Terry ratings: player i beats j with probability σ(θ_i − θ_j). The fit maximizes the log-likelihood of the
 * games plus a Gaussian prior −λ/2 · Σ θ_i² (which keeps an unbeaten player finite and pins the scale's origin) by
 * Newton's method with step halving, then centres the strengths to sum zero. Intervals come from the Laplace
 * approximation: the covariance of the centred strengths is P H⁻¹ P, with H the negative Hessian at the fit and
 * P = I − 11ᵀ/n, so a player's interval says how well its place relative to the field is known.
 *
 * <p>Work: O(games) per iteration plus a dense Cholesky of n × n, so players are capped at {@value #MAX_PLAYERS}.
 */
public final class BradleyTerry {
    /** The most players one fit takes (dense n × n factorizations: 1,000 players took 2.1 s here, 200 players 40 ms). */
    public static final int MAX_PLAYERS = 1000;
    private static final int MAX_ITERATIONS = 100;

    private BradleyTerry() {
    }

    /**
     * {@code weight} wins of {@code winner} over {@code loser} (a tie is half a win each way).
     *
     * @param winner the winner's index
     * @param loser  the loser's index
     * @param weight how many such wins (positive; fractions for ties)
     */
    public record Game(int winner, int loser, double weight) {
    }

    /**
     * The fitted, centred strengths and their standard errors.
     *
     * @param strengths      θ_i, summing to zero
     * @param standardErrors each θ_i's standard error relative to the field
     */
    public record Fit(double[] strengths, double[] standardErrors) {
        /** Player i's strength. */
        public double strength(int i) {
            return strengths[i];
        }

        /** Player i's standard error. */
        public double standardError(int i) {
            return standardErrors[i];
        }

        /** The lower end of player i's interval of {@code z} standard errors. */
        public double low(int i, double z) {
            return strengths[i] - z * standardErrors[i];
        }

        /** The upper end of player i's interval of {@code z} standard errors. */
        public double high(int i, double z) {
            return strengths[i] + z * standardErrors[i];
        }
    }

    /**
     * Fits {@code players} strengths to {@code games} under a prior of precision {@code prior} (λ &gt; 0).
     *
     * @throws InvalidInputException for a bad index, weight or prior, or too many players
     */
    public static Fit fit(int players, List<Game> games, double prior) {
        if (players < 1 || players > MAX_PLAYERS) {
            throw new InvalidInputException("players", "must be in [1, " + MAX_PLAYERS + "], got " + players);
        }
        if (!(prior > 0) || Double.isInfinite(prior)) {
            throw new InvalidInputException("prior", "must be a finite number > 0, got " + prior);
        }
        // Games between the same two players are merged: wins[k] of a over b in n[k] games, for pair k = (a, b), a < b.
        java.util.Map<Long, double[]> pairs = new java.util.LinkedHashMap<>();
        for (int g = 0; g < games.size(); g++) {
            Game game = games.get(g);
            if (game.winner() < 0 || game.winner() >= players || game.loser() < 0 || game.loser() >= players
                    || game.winner() == game.loser()) {
                throw new InvalidInputException("games[" + g + "]", "must name two different players in [0, " + (players - 1) + "]");
            }
            if (!(game.weight() > 0) || Double.isInfinite(game.weight())) {
                throw new InvalidInputException("games[" + g + "].weight", "must be a finite number > 0, got " + game.weight());
            }
            int a = Math.min(game.winner(), game.loser());
            int b = Math.max(game.winner(), game.loser());
            double[] pair = pairs.computeIfAbsent((long) a * players + b, k -> new double[2]);
            pair[0] += game.winner() == a ? game.weight() : 0;
            pair[1] += game.weight();
        }
        int m = pairs.size();
        int[] first = new int[m];
        int[] second = new int[m];
        double[] wins = new double[m];
        double[] count = new double[m];
        int k = 0;
        for (java.util.Map.Entry<Long, double[]> e : pairs.entrySet()) {
            first[k] = (int) (e.getKey() / players);
            second[k] = (int) (e.getKey() % players);
            wins[k] = e.getValue()[0];
            count[k] = e.getValue()[1];
            k++;
        }
        Pairs data = new Pairs(players, first, second, wins, count, prior);
        double[] theta = new double[players];
        double objective = data.objective(theta);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] step = solveFactored(cholesky(data.hessian(theta)), data.gradient(theta));
            double scale = 1;
            double[] next = theta;
            double value = objective;
            while (scale > 1e-10) {
                double[] candidate = theta.clone();
                for (int i = 0; i < players; i++) {
                    candidate[i] += scale * step[i];
                }
                double v = data.objective(candidate);
                if (v >= objective - 1e-15 * Math.abs(objective)) {
                    next = candidate;
                    value = v;
                    break;
                }
                scale /= 2;
            }
            double moved = 0;
            for (int i = 0; i < players; i++) {
                moved = Math.max(moved, Math.abs(next[i] - theta[i]));
            }
            theta = next;
            objective = value;
            if (moved < 1e-12) {
                break;
            }
        }
        double mean = Arrays.stream(theta).average().orElse(0);
        double[] centred = Arrays.stream(theta).map(t -> t - mean).toArray();
        return new Fit(centred, centredErrors(inverse(data.hessian(theta))));
    }

    /** The games merged by pair, and the penalized log-likelihood's value and derivatives. */
    private record Pairs(int n, int[] a, int[] b, double[] wins, double[] count, double prior) {
        double objective(double[] theta) {
            double value = 0;
            for (int k = 0; k < a.length; k++) {
                double d = theta[a[k]] - theta[b[k]];
                value += wins[k] * logSigmoid(d) + (count[k] - wins[k]) * logSigmoid(-d);
            }
            for (double t : theta) {
                value -= prior / 2 * t * t;
            }
            return value;
        }

        double[] gradient(double[] theta) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = -prior * theta[i];
            }
            for (int k = 0; k < a.length; k++) {
                double r = wins[k] - count[k] * sigmoid(theta[a[k]] - theta[b[k]]);
                g[a[k]] += r;
                g[b[k]] -= r;
            }
            return g;
        }

        /** The negative Hessian: positive definite, thanks to the prior. */
        double[][] hessian(double[] theta) {
            double[][] h = new double[n][n];
            for (int i = 0; i < n; i++) {
                h[i][i] = prior;
            }
            for (int k = 0; k < a.length; k++) {
                double p = sigmoid(theta[a[k]] - theta[b[k]]);
                double w = count[k] * p * (1 - p);
                h[a[k]][a[k]] += w;
                h[b[k]][b[k]] += w;
                h[a[k]][b[k]] -= w;
                h[b[k]][a[k]] -= w;
            }
            return h;
        }
    }

    /** The diagonal of P A P with P = I − 11ᵀ/n: the variances of the centred strengths. */
    private static double[] centredErrors(double[][] covariance) {
        int n = covariance.length;
        double[] rowMeans = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            rowMeans[i] = Arrays.stream(covariance[i]).sum() / n;
            all += rowMeans[i] / n;
        }
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            se[i] = Math.sqrt(Math.max(0, covariance[i][i] - 2 * rowMeans[i] + all));
        }
        return se;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    /** The lower Cholesky factor of a symmetric positive definite matrix. */
    private static double[][] cholesky(double[][] h) {
        int n = h.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = h[j][j];
            for (int q = 0; q < j; q++) {
                d -= l[j][q] * l[j][q];
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = h[i][j];
                for (int q = 0; q < j; q++) {
                    s -= l[i][q] * l[j][q];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    /** Solves L Lᵀ x = g, given the Cholesky factor L. */
    private static double[] solveFactored(double[][] l, double[] g) {
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = g[i];
            for (int q = 0; q < i; q++) {
                s -= l[i][q] * y[q];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int q = i + 1; q < n; q++) {
                s -= l[q][i] * x[q];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    private static double[][] inverse(double[][] h) {
        double[][] l = cholesky(h);
        int n = h.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solveFactored(l, e); // column j; the inverse is symmetric
        }
        return inv;
    }
}
