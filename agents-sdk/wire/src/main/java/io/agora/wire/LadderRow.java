package io.agora.wire;

/**
 * A bot's place on a mechanism's ladder.
 *
 * @param rank       1 for the strongest
 * @param bot        the bot
 * @param strength   its Bradley–Terry strength (log-odds of beating an average bot of the ladder; the field sums to 0)
 * @param low        the lower end of its 95% interval
 * @param high       the upper end of its 95% interval
 * @param markets    finished markets it played
 * @param wins       bots it finished above, counted per market
 * @param losses     bots it finished below
 * @param ties       bots it tied with
 * @param honestyGap its honesty gaps summed over every measured round of those markets (positive: lying paid it that
 *                   much in total); absent when none was measured
 */
public record LadderRow(int rank, String bot, double strength, double low, double high, int markets, int wins, int losses, int ties,
                        Double honestyGap) {
}
