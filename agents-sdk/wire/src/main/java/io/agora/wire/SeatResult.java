package io.agora.wire;

/**
 * One seat's result of a settled round.
 *
 * @param round   the round
 * @param status  cleared or failed
 * @param policy  the outcome distribution (cleared rounds)
 * @param missed  whether the seat had no report of its own
 * @param value   its value under its true type
 * @param payment what it paid
 * @param utility value minus payment
 * @param failure why the round failed (failed rounds)
 */
public record SeatResult(String marketId, String seat, int round, RoundStatus status, double[] policy, boolean missed,
                         double value, double payment, double utility, String failure) {
}
