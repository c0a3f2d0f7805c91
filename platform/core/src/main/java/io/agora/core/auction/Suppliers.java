package io.agora.core.auction;

import java.util.SplittableRandom;

/**
 * P4's population of data suppliers: what a supplier offers for one prompt and what it costs it. A supplier sees the
 * candidates' true qualities through noise of spread {@code skill} and offers the one that looks best; better replies
 * cost more to produce: {@code cost = baseCost + qualityCost · quantile(reply) + U(−0.05, 0.05)}, clipped to
 * [0, reserve], where the quantile is the reply's rank by quality among the candidates (0 the worst, 1 the best).
 * Shared by the vickrey-feedback plugin's dealt types and the reproductions, so both draw the same suppliers.
 */
public final class Suppliers {
    private Suppliers() {
    }

    /** Eight suppliers' base costs, from cheap to dear. */
    public static final double[] DEFAULT_COSTS = {0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45};
    /** The same eight suppliers' noise when they pick a reply, from careless to careful. */
    public static final double[] DEFAULT_SKILLS = {2.0, 1.6, 1.3, 1.0, 0.8, 0.6, 0.4, 0.2};

    /**
     * One supplier's offer.
     *
     * @param reply the index of the candidate it offers
     * @param cost  what producing it costs the supplier: its truthful ask
     */
    public record Offer(int reply, double cost) {
    }

    /** Draws one supplier's offer for a prompt whose candidates have the true qualities {@code quality}. */
    public static Offer offer(double[] quality, double baseCost, double skill, double qualityCost, double reserve, SplittableRandom random) {
        int m = quality.length;
        int reply = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double seen = quality[j] + skill * random.nextGaussian();
            if (seen > best) {
                best = seen;
                reply = j;
            }
        }
        int below = 0;
        for (double other : quality) {
            below += other < quality[reply] ? 1 : 0;
        }
        double quantile = m == 1 ? 1 : below / (double) (m - 1);
        double cost = baseCost + qualityCost * quantile + 0.1 * (random.nextDouble() - 0.5);
        return new Offer(reply, Math.max(0, Math.min(reserve, cost)));
    }
}
