package io.agora.wire;

/**
 * The acknowledgement of a stored report: it is durable when this arrives.
 *
 * @param marketId       the market
 * @param seat           the seat
 * @param round          the round it counts for
 * @param idempotencyKey the key it was stored under
 * @param duplicate      whether it was a retry of a report stored before (nothing changed)
 */
public record ReportReceipt(String marketId, String seat, int round, String idempotencyKey, boolean duplicate) {
}
