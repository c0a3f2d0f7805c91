package io.agora.wire;

import java.time.Instant;

/**
 * What the event stream of a market carries (public facts only).
 *
 * @param type     round-opened, round-cleared, round-failed, or last: market-finished or market-closed
 * @param round    the round
 * @param deadline when an opened round closes
 * @param policy   a cleared round's outcome distribution
 */
public record MarketEvent(MarketEventType type, String marketId, int round, Instant deadline, double[] policy) {
}
