package io.agora.sdk.wire;

import java.time.Instant;
import java.util.Map;

/**
 * A market as anyone signed in sees it.
 *
 * @param id             the market's id
 * @param phase          waiting-for-seats, opening, collecting, clearing, finished or closed
 * @param round          the current round (0 before the first)
 * @param seated         how many seats are taken
 */
public record MarketView(String id, String name, String mechanism, Map<String, Object> params, double[] reference,
                         int seats, int seated, int rounds, long deadlineMillis, String missPolicy, String phase,
                         int round, String owner, Instant createdAt) {
}
