package io.agora.core.math;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The f-divergences that regularize fine-tuning, {@code D_f(p‖q) = Σ_y q(y)·f(p(y)/q(y))} with the weight λ
 * inside f: KL {@code f(t) = λ t log t}, chi-squared {@code f(t) = λ (t−1)²} and total variation
 * {@code f(t) = λ |t−1|}.
 *
 * <p>Each divergence also solves its regularized welfare problem {@code max_p Σ p·R − D(p‖q)} exactly: KL by
 * the closed-form tilt, chi-squared by the clipped interior solution with the multiplier found by sorting,
 * and total variation as the linear program it is. The reference {@code q} must be positive everywhere.
 */
public enum Divergence {
    /** Kullback–Leibler: closed-form tilt {@code p ∝ q·exp(R/λ)}. */
    KL("kl"),
    /** Pearson chi-squared: {@code p = q·max(0, 1 + (R − μ)/(2λ))}. */
    CHI_SQUARED("chi2"),
    /**
     * Total variation: mass is taken from every outcome whose reward is more than 2λ below the best and
     * moved to the best. Ties: an outcome exactly 2λ below the best keeps its mass, and mass moved is split
     * among tied best outcomes in proportion to {@code q}.
     */
    TOTAL_VARIATION("tv");

    private final String id;

    Divergence(String id) {
        this.id = id;
    }

    /** The parameter name: {@code kl}, {@code chi2} or {@code tv}. */
    public String id() {
        return id;
    }

    /** The divergence named {@code id}, or {@code null}. */
    public static Divergence byId(String id) {
        for (Divergence d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        return null;
    }

    /**
     * {@code D(p‖q)} with weight λ.
     *
     * @param p      probabilities (zeros allowed)
     * @param q      reference probabilities, positive
     * @param lambda the weight λ &gt; 0
     */
    public double value(double[] p, double[] q, double lambda) {
        double d = 0;
        for (int y = 0; y < p.length; y++) {
            d += switch (this) {
                case KL -> p[y] > 0 ? p[y] * Math.log(p[y] / q[y]) : 0;
                case CHI_SQUARED -> {
                    double t = p[y] / q[y] - 1;
                    yield q[y] * t * t;
                }
                case TOTAL_VARIATION -> Math.abs(p[y] - q[y]);
            };
        }
        return lambda * d;
    }

    /**
     * Solves {@code max_p Σ p·R − D(p‖q)}.
     *
     * @param rewards the aggregate reward R per outcome
     * @param logQ    the reference log-probabilities
     * @param lambda  the weight λ &gt; 0
     */
    public Optimum optimum(double[] rewards, double[] logQ, double lambda) {
        return switch (this) {
            case KL -> klOptimum(rewards, logQ, lambda);
            case CHI_SQUARED -> chiSquaredOptimum(rewards, logQ, lambda);
            case TOTAL_VARIATION -> tvOptimum(rewards, logQ, lambda);
        };
    }

    private static Optimum klOptimum(double[] r, double[] logQ, double lambda) {
        int m = r.length;
        double[] a = new double[m];
        for (int y = 0; y < m; y++) {
            a[y] = logQ[y] + r[y] / lambda;
        }
        double logZ = LogSpace.logSumExp(a);
        double[] p = new double[m];
        for (int y = 0; y < m; y++) {
            p[y] = Math.exp(a[y] - logZ);
        }
        return new Optimum(p, lambda * logZ);
    }

    private static Optimum chiSquaredOptimum(double[] r, double[] logQ, double lambda) {
        int m = r.length;
        double[] q = exp(logQ);
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(y -> -r[y])).toArray(Integer[]::new);
        double qSum = 0;
        double qrSum = 0;
        double mu = 0;
        for (int k = 0; k < m; k++) {
            int y = order[k];
            qSum += q[y];
            qrSum += q[y] * r[y];
            mu = (qrSum + 2 * lambda * (qSum - 1)) / qSum;
            double threshold = mu - 2 * lambda;
            if (k == m - 1 || r[order[k + 1]] <= threshold) {
                break;
            }
        }
        double[] p = new double[m];
        double mass = 0;
        for (int y = 0; y < m; y++) {
            p[y] = q[y] * Math.max(0, 1 + (r[y] - mu) / (2 * lambda));
            mass += p[y];
        }
        for (int y = 0; y < m; y++) {
            p[y] /= mass;
        }
        return new Optimum(p, dot(p, r) - CHI_SQUARED.value(p, q, lambda));
    }

    private static Optimum tvOptimum(double[] r, double[] logQ, double lambda) {
        int m = r.length;
        double[] q = exp(logQ);
        double best = Double.NEGATIVE_INFINITY;
        for (double v : r) {
            best = Math.max(best, v);
        }
        double[] p = new double[m];
        double moved = 0;
        double qBest = 0;
        for (int y = 0; y < m; y++) {
            if (r[y] < best - 2 * lambda) {
                moved += q[y];
            } else {
                p[y] = q[y];
            }
            if (r[y] == best) {
                qBest += q[y];
            }
        }
        for (int y = 0; y < m; y++) {
            if (r[y] == best) {
                p[y] += moved * q[y] / qBest;
            }
        }
        return new Optimum(p, dot(p, r) - TOTAL_VARIATION.value(p, q, lambda));
    }

    static double[] exp(double[] logs) {
        double[] out = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            out[i] = Math.exp(logs[i]);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
