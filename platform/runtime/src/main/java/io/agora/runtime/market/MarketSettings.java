package io.agora.runtime.market;

import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed settings of a market.
 *
 * @param marketId        the market's id
 * @param outcomes        the outcome space of every round
 * @param reference       the reference policy
 * @param deadline        how long a round collects reports; {@code null} for lockstep markets whose
 *                        hosted agents always answer (no wall-clock timer at all)
 * @param missPolicy      what a seat that misses the deadline or fails reports
 * @param fullInformation whether seats whose strategy asks for it see the others' reports
 * @param agentHistory    whether agents are told each round's outcome (their history); hosted one-round
 *                        markets skip it
 */
public record MarketSettings(String marketId, OutcomeSpace outcomes, Policy reference, Duration deadline,
                             MissPolicy missPolicy, boolean fullInformation, boolean agentHistory) {

    /** Rejects missing parts and non-positive deadlines. */
    public MarketSettings {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(missPolicy, "missPolicy");
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }
}
