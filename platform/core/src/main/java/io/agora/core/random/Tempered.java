package io.agora.core.random;

import java.util.SplittableRandom;

/**
 * Draws from a finite distribution given by log-probabilities, sharpened or flattened by a temperature: outcome y with
 * probability ∝ exp(log p(y) / T). The cumulative weights are built once, so many draws cost one pass each.
 */
public final class Tempered {
    private final double[] cumulative;

    /**
     * @param logProbs    log-probabilities (finite or −∞, at least one finite)
     * @param temperature T, greater than 0
     */
    public Tempered(double[] logProbs, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double lp : logProbs) {
            max = Math.max(max, lp / temperature);
        }
        cumulative = new double[logProbs.length];
        double sum = 0;
        for (int y = 0; y < logProbs.length; y++) {
            sum += Math.exp(logProbs[y] / temperature - max);
            cumulative[y] = sum;
        }
    }

    /** One draw. */
    public int draw(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int y = 0;
        while (y < cumulative.length - 1 && cumulative[y] <= u) {
            y++;
        }
        return y;
    }
}
