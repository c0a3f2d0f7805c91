package io.agora.api;

import org.pf4j.ExtensionPoint;

/**
 * A strategy that a plugin contributes: how an agent turns its private type, the public round information
 * and its own history into a report. Like {@link Mechanism} it names itself, declares its parameters and
 * creates one {@link StrategyInstance} per agent, so that learning strategies can keep state.
 *
 * <p>Implementations carry {@code @Extension}, have a public no-argument constructor and are stateless.
 */
public interface StrategyPolicy extends ExtensionPoint {

    /** A stable id, lower case with dashes, such as {@code truthful}; unique across plugins. */
    String id();

    /** One sentence saying what the strategy does. */
    String description();

    /** The parameters {@link #create(Parameters, long)} accepts. */
    ParameterSchema parameters();

    /**
     * Creates one agent's instance.
     *
     * @param params validated parameters
     * @param seed   the seed for every random choice the instance makes; the same seed and inputs give the
     *               same reports
     */
    StrategyInstance create(Parameters params, long seed);

    /**
     * Whether the strategy needs the other agents' reports of the current round
     * ({@link RoundContext#fullInformation()}). Hosts that grant full information ask such strategies after
     * the others. Default {@code false}.
     */
    default boolean usesOthersReports() {
        return false;
    }
}
