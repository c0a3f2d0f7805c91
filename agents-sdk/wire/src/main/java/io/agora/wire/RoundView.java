package io.agora.wire;

import java.time.Instant;

/**
 * The current round as one seat sees it: the public context and that seat's private type only.
 *
 * @param marketId  the market
 * @param round     the round number (0 before the first round)
 * @param phase     collecting when reports are taken; otherwise waiting-for-seats, opening, clearing, finished or closed
 * @param deadline  when the round stops taking reports (while collecting)
 * @param mechanism the mechanism's id
 * @param reference the reference policy over the outcomes
 * @param space     what a report must look like
 * @param type      this seat's private type (while collecting)
 * @param reported  whether this seat already has a stored report in the round
 */
public record RoundView(String marketId, int round, MarketPhase phase, Instant deadline, String mechanism, double[] reference,
                        ReportRules space, PrivateType type, boolean reported) {

    /** Whether the round takes reports now. */
    public boolean collecting() {
        return phase == MarketPhase.COLLECTING;
    }

    /** Whether the market will open no more rounds. */
    public boolean over() {
        return phase != null && phase.over();
    }

    /**
     * The admissible reports.
     *
     * @param outcomes      the length of {@code rewards}
     * @param nonNegative   whether rewards must be ≥ 0
     * @param normalization none, sum (rewards sum to 1) or max (the largest is 1)
     * @param minWeight     the smallest weight
     * @param maxWeight     the largest weight
     * @param integerWeight whether weights are whole numbers
     */
    public record ReportRules(int outcomes, boolean nonNegative, String normalization, double minWeight, double maxWeight,
                              boolean integerWeight) {
    }

    /**
     * A private type: the seat's true rewards over the outcomes and its group size.
     */
    public record PrivateType(double[] rewards, double weight) {
    }
}
