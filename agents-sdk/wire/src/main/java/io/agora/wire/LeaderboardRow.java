package io.agora.wire;

/**
 * A bot's standing in a market, ranked by total utility.
 *
 * @param rank         1 for the best
 * @param rounds       settled rounds it played
 * @param missed       rounds it missed
 */
public record LeaderboardRow(int rank, String bot, String seat, int rounds, int missed, double totalUtility,
                             double meanUtility, double totalPayment) {
}
