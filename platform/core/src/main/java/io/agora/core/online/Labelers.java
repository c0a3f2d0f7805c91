package io.agora.core.online;

import java.util.SplittableRandom;

/**
 * A population of labelers for P2's studies: each slot the population's preference for A over B is
 * {@code q ~ U(0, 1)}, the revealed outcome is {@code o ~ Bernoulli(q)}, and labeler i believes
 * {@code b_i = clip(q + bias_i + noise_i · N(0, 1), 0, 1)}: the most accurate labeler is the one of least noise and
 * no bias, and no report beats {@code q} in expected Brier loss.
 *
 * @param noise per labeler, the spread of its belief around q
 * @param bias  per labeler, how far its belief leans toward A (positive) or B
 */
public record Labelers(double[] noise, double[] bias) {

    /**
     * The specification's population of {@code n ≥ 3}: noise spread evenly over [0.02, 0.4], the last two labelers
     * biased by +0.25 and −0.25.
     */
    public static Labelers standard(int n) {
        double[] noise = new double[n];
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = 0.02 + (0.4 - 0.02) * i / (n - 1);
        }
        bias[n - 2] = 0.25;
        bias[n - 1] = -0.25;
        return new Labelers(noise, bias);
    }

    public int size() {
        return noise.length;
    }

    /** One slot: {@code q}, the outcome, and every labeler's belief, drawn in that order. */
    public Slot slot(SplittableRandom random) {
        double q = random.nextDouble();
        double outcome = random.nextDouble() < q ? 1 : 0;
        double[] beliefs = new double[size()];
        for (int i = 0; i < beliefs.length; i++) {
            beliefs[i] = belief(q, noise[i], bias[i], random);
        }
        return new Slot(q, outcome, beliefs);
    }

    /** A labeler's belief about a comparison whose hidden preference is {@code q}. */
    public static double belief(double q, double noise, double bias, SplittableRandom random) {
        return Math.max(0, Math.min(1, q + bias + noise * gaussian(random)));
    }

    /** A slot's preference, outcome and beliefs. */
    public record Slot(double q, double outcome, double[] beliefs) {
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
