package io.agora.runtime.market;

import io.agora.core.random.Seeds;

/**
 * The seed of each seat's private type in each round of a bot market. It must be deterministic (a resumed market
 * hands out the same types) and, for markets that external bots play, unpredictable: one seat's types must reveal
 * nothing about another's. Seeds derived from one market seed by an invertible mix do not qualify (a bot that
 * recovers its own seed can walk back to the market's), so the gateway gives each (round, seat) a keyed hash of
 * its own.
 */
@FunctionalInterface
public interface TypeSeeds {

    /** The seed of seat {@code index} (0-based, in seat order) in round {@code round}. */
    long seed(int round, int index);

    /** Seeds derived from one market seed: reproducible, but predictable to anyone who learns it (tests, hosted runs). */
    static TypeSeeds derivedFrom(long seed) {
        return (round, index) -> Seeds.derive(seed, 1, round, index);
    }
}
