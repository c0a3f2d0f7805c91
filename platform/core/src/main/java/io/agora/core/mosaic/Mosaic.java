package io.agora.core.mosaic;

import io.agora.api.InvalidInputException;
import io.agora.core.math.LogSpace;

/**
 * P3, MOSAIC's allocation and payments over one realized candidate set. Candidates {@code y_1..y_M} were drawn from
 * a generator {@code π_gen}; advertiser i reports a reward {@code r_i(y_j)} per candidate. With
 * {@code R_j = Σ_i r_i(y_j)}:
 * <pre>
 * log ω_j = log π_ref(y_j) − log π_gen(y_j) + R_j/τ,      q_j = ω_j / Σ_k ω_k      (the reply's law)
 * log q̂_j = log π_ref(y_j) − log π_gen(y_j) − logsumexp_k(log π_ref(y_k) − log π_gen(y_k))
 * G(r)    = τ · log Σ_j q̂_j · exp(R_j/τ)
 * p_i     = Σ_j q_j r_i(y_j) − G(r) + G(r − r_i)
 * </pre>
 * so an advertiser's truthful utility is its marginal contribution {@code G(r) − G(r − r_i)}, and reporting truthfully
 * is dominant for every candidate set that does not depend on the reports. As M grows, {@code q} tends to the
 * KL-regularized optimum {@code π_ref · exp(R/τ)}.
 */
public final class Mosaic {
    private Mosaic() {
    }

    /** A cleared candidate set: the reply's law, each advertiser's payment and value, G(r) and every G(r − r_i). */
    public record Result(double[] q, double[] payments, double[] values, double welfare, double[] welfareWithout) {
        /** Advertiser i's utility when it reported truthfully: value minus payment. */
        public double utility(int i) {
            return values[i] - payments[i];
        }
    }

    /**
     * @param rewards        {@code rewards[i][j]}: advertiser i's reward for candidate j (finite)
     * @param referenceLog   {@code log π_ref(y_j)}
     * @param generatorLog   {@code log π_gen(y_j)}
     * @param tau            τ, greater than 0
     */
    public static Result clear(double[][] rewards, double[] referenceLog, double[] generatorLog, double tau) {
        int m = referenceLog.length;
        if (generatorLog.length != m) {
            throw new InvalidInputException("generator", "needs one log-probability per candidate (" + m + "), got " + generatorLog.length);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new InvalidInputException("tau", "must be a finite number greater than 0, got " + tau);
        }
        double[] ratio = new double[m];
        for (int j = 0; j < m; j++) {
            ratio[j] = referenceLog[j] - generatorLog[j];
        }
        double norm = LogSpace.logSumExp(ratio);
        double[] logQHat = new double[m];
        for (int j = 0; j < m; j++) {
            logQHat[j] = ratio[j] - norm;
        }
        double[] total = new double[m];
        for (double[] r : rewards) {
            if (r.length != m) {
                throw new InvalidInputException("rewards", "needs one reward per candidate (" + m + "), got " + r.length);
            }
            for (int j = 0; j < m; j++) {
                total[j] += r[j];
            }
        }
        double[] logOmega = new double[m];
        for (int j = 0; j < m; j++) {
            logOmega[j] = ratio[j] + total[j] / tau;
        }
        double logZ = LogSpace.logSumExp(logOmega);
        double[] q = new double[m];
        for (int j = 0; j < m; j++) {
            q[j] = Math.exp(logOmega[j] - logZ);
        }
        double welfare = g(logQHat, total, null, tau);
        int n = rewards.length;
        double[] payments = new double[n];
        double[] values = new double[n];
        double[] without = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                values[i] += q[j] * rewards[i][j];
            }
            without[i] = g(logQHat, total, rewards[i], tau);
            payments[i] = values[i] - welfare + without[i];
        }
        return new Result(q, payments, values, welfare, without);
    }

    /** {@code G(R − minus) = τ · logsumexp_j(log q̂_j + (R_j − minus_j)/τ)}. */
    private static double g(double[] logQHat, double[] total, double[] minus, double tau) {
        double[] x = new double[logQHat.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = logQHat[j] + (total[j] - (minus == null ? 0 : minus[j])) / tau;
        }
        return tau * LogSpace.logSumExp(x);
    }
}
