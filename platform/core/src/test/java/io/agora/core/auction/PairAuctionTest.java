package io.agora.core.auction;

import io.agora.api.InvalidInputException;
import io.agora.core.auction.PairAuction.Award;
import io.agora.core.auction.PairAuction.Pricing;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairAuctionTest {
    private static final double[] BIDS = {0.50, 0.20, 0.90, 0.30, 0.60};

    /** By hand: the cheapest two (0.20 and 0.30) win; the first loser asked 0.50. */
    @Test
    void theCheapestTwoWinAndArePaidByTheRule() {
        Award k1 = PairAuction.award(BIDS, null, 0, 1, Pricing.K_PLUS_1);
        assertThat(k1.first()).isEqualTo(1);
        assertThat(k1.second()).isEqualTo(3);
        assertThat(k1.firstPrice()).isEqualTo(0.50);
        assertThat(k1.secondPrice()).isEqualTo(0.50);
        assertThat(k1.cost()).isEqualTo(1.0);

        Award second = PairAuction.award(BIDS, null, 0, 1, Pricing.SECOND);
        assertThat(second.firstPrice()).isEqualTo(0.30);
        assertThat(second.secondPrice()).isEqualTo(0.30);

        Award asked = PairAuction.award(BIDS, null, 0, 1, Pricing.PAY_AS_BID);
        assertThat(asked.firstPrice()).isEqualTo(0.20);
        assertThat(asked.secondPrice()).isEqualTo(0.30);
        assertThat(asked.paidTo(0)).isZero();
        assertThat(asked.paidTo(3)).isEqualTo(0.30);
    }

    /** With quality worth 1 per unit, offer 2 (quality 1.5, ask 0.9, score 0.6) beats cheaper but worse offers. */
    @Test
    void aBetterReplyCanWinAtAHigherPrice() {
        double[] quality = {0.5, 0.1, 1.5, 0.6, 0.2};
        // scores: 0.0, -0.1, 0.6, 0.3, -0.4
        Award a = PairAuction.award(BIDS, quality, 1, 1, Pricing.K_PLUS_1);
        assertThat(a.first()).isEqualTo(2);
        assertThat(a.second()).isEqualTo(3);
        assertThat(a.firstPrice()).isCloseTo(1.0, within(1e-12)); // 1.5 - 0.0 = 1.5, capped at the reserve 1
        assertThat(a.secondPrice()).isCloseTo(0.6, within(1e-12)); // 0.6 - 0.0
    }

    @Test
    void withFewerThanThreeOffersTheReserveSetsTheKPlus1Price() {
        Award a = PairAuction.award(new double[] {0.1, 0.4}, null, 0, 0.8, Pricing.K_PLUS_1);
        assertThat(a.firstPrice()).isEqualTo(0.8);
        assertThat(a.secondPrice()).isEqualTo(0.8);
        assertThat(PairAuction.award(new double[] {0.1}, null, 0, 1, Pricing.K_PLUS_1)).isNull();
    }

    @Test
    void tiesGoToTheEarlierOffer() {
        Award a = PairAuction.award(new double[] {0.3, 0.3, 0.3, 0.3}, null, 0, 1, Pricing.K_PLUS_1);
        assertThat(a.first()).isZero();
        assertThat(a.second()).isEqualTo(1);
        assertThat(a.firstPrice()).isEqualTo(0.3);
    }

    /**
     * Under k_plus_1 asking one's cost is dominant: over random auctions, no other ask raises a supplier's profit
     * (price − cost when it wins), and the truthful profit is never negative. Under pay_as_bid, asking above cost pays
     * for some supplier; under second, for some second winner.
     */
    @Test
    void askingTheCostIsDominantUnderKPlus1Only() {
        SplittableRandom random = new SplittableRandom(11);
        double bestGainK1 = 0;
        double bestGainAsBid = 0;
        double bestGainSecond = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int n = 2 + random.nextInt(8);
            double[] costs = new double[n];
            double[] quality = new double[n];
            for (int i = 0; i < n; i++) {
                costs[i] = random.nextDouble();
                quality[i] = random.nextDouble();
            }
            double weight = random.nextBoolean() ? 0 : random.nextDouble();
            int i = random.nextInt(n);
            for (Pricing pricing : Pricing.values()) {
                double truthful = profit(costs, quality, weight, pricing, i, costs[i]);
                assertThat(truthful).isGreaterThanOrEqualTo(0);
                for (int k = 0; k < 10; k++) {
                    double gain = profit(costs, quality, weight, pricing, i, random.nextDouble()) - truthful;
                    switch (pricing) {
                        case K_PLUS_1 -> bestGainK1 = Math.max(bestGainK1, gain);
                        case PAY_AS_BID -> bestGainAsBid = Math.max(bestGainAsBid, gain);
                        case SECOND -> bestGainSecond = Math.max(bestGainSecond, gain);
                    }
                }
            }
        }
        assertThat(bestGainK1).isLessThanOrEqualTo(1e-12);
        assertThat(bestGainAsBid).isGreaterThan(0.1);
        assertThat(bestGainSecond).isGreaterThan(0.1);
    }

    private static double profit(double[] costs, double[] quality, double weight, Pricing pricing, int i, double ask) {
        double[] bids = costs.clone();
        bids[i] = ask;
        Award a = PairAuction.award(bids, quality, weight, 1, pricing);
        boolean won = a.first() == i || a.second() == i;
        return won ? a.paidTo(i) - costs[i] : 0;
    }

    @Test
    void theQaWeightFollowsTheBidGap() {
        assertThat(PairAuction.qaWeight(0.4, 0.4, 1)).isEqualTo(1.0);
        assertThat(PairAuction.qaWeight(1, 0, 1)).isCloseTo(0.5 + 1 / (1 + Math.exp(-1)), within(1e-15));
        assertThat(PairAuction.qaWeight(0, 100, 1)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void anUnknownPricingRuleIsNamed() {
        assertThat(Pricing.of("k_plus_1")).isEqualTo(Pricing.K_PLUS_1);
        assertThatThrownBy(() -> Pricing.of("vcg")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("second, k_plus_1 or pay_as_bid");
    }
}
