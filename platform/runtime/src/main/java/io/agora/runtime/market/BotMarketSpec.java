package io.agora.runtime.market;

import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed rules of a market that bots play.
 *
 * @param marketId   the market's id
 * @param reference  the reference policy (its size is the number of outcomes)
 * @param seats      how many seats; round 1 opens when the last one is taken
 * @param rounds     how many rounds the market runs; 0 for no limit (until closed)
 * @param deadline   how long a round collects reports
 * @param missPolicy what a seat without a report gets
 * @param types      how each seat's private type is drawn
 * @param typeSeeds  the seed of each seat's type in each round, so that a resumed market hands out the same types
 * @param budget     what the market may pay out beyond what it takes in (a data-buying market pays its suppliers
 *                   from it); {@code null} for no limit
 */
public record BotMarketSpec(String marketId, Policy reference, int seats, int rounds, Duration deadline,
                            MissPolicy missPolicy, TypeSpec types, TypeSeeds typeSeeds, Double budget) {

    /** Rejects missing parts and out-of-range numbers. */
    public BotMarketSpec {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(missPolicy, "missPolicy");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(typeSeeds, "typeSeeds");
        if (budget != null && (!(budget >= 0) || Double.isInfinite(budget))) {
            throw new IllegalArgumentException("budget must be a finite number >= 0, got " + budget);
        }
        if (seats < 1 || rounds < 0 || deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("seats ≥ 1, rounds ≥ 0 and a positive deadline are required");
        }
    }

    /** The outcome space. */
    public OutcomeSpace outcomes() {
        return OutcomeSpace.of(reference.size());
    }
}
