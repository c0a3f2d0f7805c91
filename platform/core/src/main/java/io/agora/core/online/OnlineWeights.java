package io.agora.core.online;

import io.agora.api.InvalidInputException;

import java.util.Arrays;

/**
 * Online weighting of labelers (P2): each slot, labelers report probabilities that A beats B, the platform hands
 * the trainer their weighted average, the outcome is revealed, and the weights move toward the labelers whose
 * reports lost least. With the Brier loss {@code ℓ_i = (p_i − o)²} and the linear update
 * <pre>
 * w_i ← w_i · [1 − η (ℓ_i − Σ_j w_j ℓ_j)],   η ∈ (0, 1/2]
 * </pre>
 * the weights stay positive and keep summing to 1 (losses lie in [0, 1]). The loss and the update are pluggable
 * ([RECON]); {@link Update#EXPONENTIAL} is Hedge, {@code w_i ∝ w_i · exp(−η ℓ_i)}. Slots where some labelers did not
 * report move only the reporters' weights, keeping their total.
 */
public final class OnlineWeights {

    /** How a report is scored against the revealed outcome; every loss lies in [0, 1]. */
    public enum Loss {
        /** {@code (p − o)²}: strictly proper, so a labeler minimizes its expected loss by reporting its belief. */
        BRIER,
        /** {@code |p − o|}: not proper; it rewards rounding beliefs to 0 or 1 (a contrast for the incentive studies). */
        ABSOLUTE;

        public double of(double p, double outcome) {
            return this == BRIER ? (p - outcome) * (p - outcome) : Math.abs(p - outcome);
        }

        public static Loss of(String name) {
            return switch (name) {
                case "brier" -> BRIER;
                case "absolute" -> ABSOLUTE;
                default -> throw new InvalidInputException("loss", "must be brier or absolute, got " + name);
            };
        }
    }

    /** How weights move after a slot. */
    public enum Update {
        /** The specification's rule: {@code w_i · [1 − η (ℓ_i − ℓ̄)]}, with ℓ̄ the weighted mean loss. */
        LINEAR,
        /** Hedge: {@code w_i · exp(−η ℓ_i)}, renormalized. */
        EXPONENTIAL;

        public static Update of(String name) {
            return switch (name) {
                case "linear" -> LINEAR;
                case "exponential" -> EXPONENTIAL;
                default -> throw new InvalidInputException("update", "must be linear or exponential, got " + name);
            };
        }
    }

    private final double[] weights;
    private final double eta;
    private final Loss loss;
    private final Update update;

    /**
     * @param labelers N, at least 1; every weight starts at 1/N
     * @param eta      the step η, in (0, 1/2]
     */
    public OnlineWeights(int labelers, double eta, Loss loss, Update update) {
        if (labelers < 1) {
            throw new InvalidInputException("labelers", "must be at least 1, got " + labelers);
        }
        if (!(eta > 0 && eta <= 0.5)) {
            throw new InvalidInputException("eta", "must be in (0, 1/2], got " + eta);
        }
        this.weights = new double[labelers];
        Arrays.fill(weights, 1.0 / labelers);
        this.eta = eta;
        this.loss = loss;
        this.update = update;
    }

    /** The specification's default step for a horizon of T slots: {@code √(ln N / T)}, at most 1/2. */
    public static double defaultEta(int labelers, long horizon) {
        return Math.min(0.5, Math.sqrt(Math.log(Math.max(2, labelers)) / Math.max(1, horizon)));
    }

    /** The current weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Replaces the weights (a restored state): positive, summing to 1 within 1e-9. */
    public void restore(double[] w) {
        if (w.length != weights.length) {
            throw new InvalidInputException("weights", "expected " + weights.length + " weights, got " + w.length);
        }
        double sum = 0;
        for (double x : w) {
            if (!(x > 0) || Double.isInfinite(x)) {
                throw new InvalidInputException("weights", "every weight must be a positive number, got " + x);
            }
            sum += x;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new InvalidInputException("weights", "must sum to 1, got " + sum);
        }
        System.arraycopy(w, 0, weights, 0, w.length);
    }

    /** The weighted average of the reports of labelers with {@code reported[i]}, over their weights. */
    public double aggregate(double[] reports, boolean[] reported) {
        double total = 0;
        double mass = 0;
        for (int i = 0; i < weights.length; i++) {
            if (reported[i]) {
                total += weights[i] * reports[i];
                mass += weights[i];
            }
        }
        return mass > 0 ? total / mass : 0.5;
    }

    /** Moves the weights of the labelers who reported, after outcome {@code outcome} (0 or 1, or a soft label). */
    public void update(double[] reports, boolean[] reported, double outcome) {
        double mass = 0;
        double meanLoss = 0;
        double[] l = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            if (reported[i]) {
                l[i] = loss.of(reports[i], outcome);
                mass += weights[i];
                meanLoss += weights[i] * l[i];
            }
        }
        if (mass == 0) {
            return;
        }
        meanLoss /= mass;
        double moved = 0;
        for (int i = 0; i < weights.length; i++) {
            if (reported[i]) {
                weights[i] *= update == Update.LINEAR ? 1 - eta * (l[i] - meanLoss) : Math.exp(-eta * l[i]);
                moved += weights[i];
            }
        }
        for (int i = 0; i < weights.length; i++) {
            if (reported[i]) {
                weights[i] *= mass / moved; // the reporters keep their total: exact for LINEAR up to rounding
            }
        }
    }

    /** Every labeler reported. */
    public static boolean[] all(int labelers) {
        boolean[] b = new boolean[labelers];
        Arrays.fill(b, true);
        return b;
    }
}
