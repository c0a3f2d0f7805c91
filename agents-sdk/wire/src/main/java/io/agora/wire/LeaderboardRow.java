package io.agora.wire;

/**
 * A bot's standing in a market, ranked by total utility.
 *
 * @param rank         1 for the best
 * @param rounds       settled rounds it played
 * @param missed       rounds it missed
 * @param honestyGap   its honesty gaps summed over the rounds where they were measured (positive: lying paid it that
 *                     much); absent when none was
 */
public record LeaderboardRow(int rank, String bot, String seat, int rounds, int missed, double totalUtility,
                             double meanUtility, double totalPayment, Double honestyGap) {
}
