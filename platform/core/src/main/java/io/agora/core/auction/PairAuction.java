package io.agora.core.auction;

import io.agora.api.InvalidInputException;

/**
 * P4's auction for one preference pair: suppliers offer a reply at an asked price (their bid); the two best offers
 * are bought and form the pair. An offer's score is {@code qualityWeight · quality − bid}, so with a quality weight of
 * 0 the two cheapest replies are bought, and with a positive one a better reply may win at a higher price (a scoring
 * auction). Each winner is paid so that its score would equal the price-setting score:
 * <ul>
 * <li>{@code k_plus_1}: the first loser's score (the (k+1)-th best for k = 2 items), which makes asking one's cost a
 * dominant strategy for a supplier that sells one reply;</li>
 * <li>{@code second}: the second winner's score, so the better winner is paid up to the second's offer and the
 * second is paid its own ask (the summary's "pay b(2)");</li>
 * <li>{@code pay_as_bid}: its own ask, the baseline under which asking above cost pays.</li>
 * </ul>
 * No winner is paid more than the reserve (the most the market pays for one reply), and with fewer than three
 * offers the reserve sets the price. Ties are broken toward the earlier offer. O(n) per auction.
 */
public final class PairAuction {
    private PairAuction() {
    }

    /** How winners are paid. */
    public enum Pricing {
        SECOND("second"), K_PLUS_1("k_plus_1"), PAY_AS_BID("pay_as_bid");

        private final String wire;

        Pricing(String wire) {
            this.wire = wire;
        }

        /** The name in parameters and results. */
        public String wire() {
            return wire;
        }

        /**
         * The rule named {@code name}.
         *
         * @throws InvalidInputException for another name
         */
        public static Pricing of(String name) {
            for (Pricing p : values()) {
                if (p.wire.equals(name)) {
                    return p;
                }
            }
            throw new InvalidInputException("pricing", "must be second, k_plus_1 or pay_as_bid, got " + name);
        }
    }

    /**
     * The two bought offers, best score first, and what each is paid.
     *
     * @param first       the index of the best offer
     * @param second      the index of the second-best offer
     * @param firstPrice  what the market pays the first, in [its ask, reserve]
     * @param secondPrice what the market pays the second, in [its ask, reserve]
     */
    public record Award(int first, int second, double firstPrice, double secondPrice) {

        /** What the pair costs the market. */
        public double cost() {
            return firstPrice + secondPrice;
        }

        /** What offer {@code i} is paid: its price if it won, else 0. */
        public double paidTo(int i) {
            return i == first ? firstPrice : i == second ? secondPrice : 0;
        }
    }

    /**
     * Runs the auction.
     *
     * @param bids          each offer's asked price, in [0, reserve]
     * @param quality       each offer's judged quality (read only when {@code qualityWeight != 0}; may then be null)
     * @param qualityWeight what one unit of judged quality is worth in money, {@code >= 0}
     * @param reserve       the most the market pays for one reply
     * @param pricing       the payment rule
     * @return the award, or null when fewer than two offers were made
     */
    public static Award award(double[] bids, double[] quality, double qualityWeight, double reserve, Pricing pricing) {
        int n = bids.length;
        if (n < 2) {
            return null;
        }
        int a = -1;
        int b = -1;
        int c = -1;
        double sa = Double.NEGATIVE_INFINITY;
        double sb = Double.NEGATIVE_INFINITY;
        double sc = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = score(bids, quality, qualityWeight, i);
            if (s > sa) {
                c = b;
                sc = sb;
                b = a;
                sb = sa;
                a = i;
                sa = s;
            } else if (s > sb) {
                c = b;
                sc = sb;
                b = i;
                sb = s;
            } else if (s > sc) {
                c = i;
                sc = s;
            }
        }
        double pa;
        double pb;
        switch (pricing) {
            case PAY_AS_BID -> {
                pa = bids[a];
                pb = bids[b];
            }
            case SECOND -> {
                pa = price(bids, quality, qualityWeight, a, sb, reserve);
                pb = bids[b];
            }
            default -> {
                pa = c < 0 ? reserve : price(bids, quality, qualityWeight, a, sc, reserve);
                pb = c < 0 ? reserve : price(bids, quality, qualityWeight, b, sc, reserve);
            }
        }
        return new Award(a, b, pa, pb);
    }

    private static double score(double[] bids, double[] quality, double qualityWeight, int i) {
        return qualityWeight == 0 ? -bids[i] : qualityWeight * quality[i] - bids[i];
    }

    /** The ask at which offer i's score would equal {@code threshold}, capped at the reserve (never below its own ask). */
    private static double price(double[] bids, double[] quality, double qualityWeight, int i, double threshold, double reserve) {
        double q = qualityWeight == 0 ? 0 : qualityWeight * quality[i];
        return Math.max(bids[i], Math.min(reserve, q - threshold));
    }

    /**
     * QA-DPO's weight of a bought pair, {@code 0.5 + σ(scale · (b_chosen − b_rejected))}: in (0.5, 1.5), above 1
     * when the chosen reply was offered at the higher price.
     */
    public static double qaWeight(double chosenBid, double rejectedBid, double scale) {
        return 0.5 + 1 / (1 + Math.exp(-scale * (chosenBid - rejectedBid)));
    }
}
