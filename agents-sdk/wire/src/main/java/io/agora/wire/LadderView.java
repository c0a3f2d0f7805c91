package io.agora.wire;

import java.util.List;

/**
 * The ladder of one mechanism: every bot that finished a market of it, rated on its results across those markets.
 * Within each finished market, every pair of bots is one game, won by the one with the higher total utility; the
 * ladder is refitted when a market of the mechanism finishes.
 *
 * @param mechanism the mechanism's id
 * @param markets   how many finished markets it rates
 * @param games     the games (pairs of bots within a market) the fit used
 * @param rows      the bots, strongest first
 */
public record LadderView(String mechanism, int markets, int games, List<LadderRow> rows) {
    /** Copies the rows. */
    public LadderView {
        rows = List.copyOf(rows);
    }
}
