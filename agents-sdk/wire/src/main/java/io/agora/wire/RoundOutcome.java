package io.agora.wire;

import java.time.Instant;

/**
 * A settled round as everyone may see it: its outcome, and no seat's report, type or payment.
 *
 * @param round     the round
 * @param status    cleared or failed
 * @param policy    the outcome distribution over the market's outcomes (cleared rounds)
 * @param failure   why the round failed (failed rounds)
 * @param settledAt when it settled
 */
public record RoundOutcome(int round, RoundStatus status, double[] policy, String failure, Instant settledAt) {
}
