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
 * @param honestyGap your utility minus the utility your true type would have earned as your report, the others' reports
 *                   as they were: at most 0 where honesty is your best strategy, positive where your report beat it.
 *                   Only you see it while the market runs. Absent when not measured (you had no report of your own, the
 *                   round failed, or the market is too large to measure)
 */
public record SeatResult(String marketId, String seat, int round, RoundStatus status, double[] policy, boolean missed,
                         double value, double payment, double utility, String failure, Double honestyGap) {
}
