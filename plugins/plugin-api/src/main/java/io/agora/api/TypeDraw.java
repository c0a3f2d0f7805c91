package io.agora.api;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a mechanism is told when it deals an agent its private type for a round ({@link MechanismInstance#drawType}).
 *
 * @param agent    the agent (a seat's name)
 * @param seat     the agent's seat, 0 for the first; the same every round
 * @param round    the round, as the market numbers it
 * @param outcomes the round's outcome space
 * @param random   a stream of this agent's own for this round: seeded by the market, so draws repeat exactly
 */
public record TypeDraw(String agent, int seat, int round, OutcomeSpace outcomes, SplittableRandom random) {

    /** Checks the fields. */
    public TypeDraw {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(random, "random");
        if (seat < 0) {
            throw new InvalidInputException("seat", "must be >= 0, got " + seat);
        }
    }
}
