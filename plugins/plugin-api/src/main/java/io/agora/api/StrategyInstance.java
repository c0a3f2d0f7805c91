package io.agora.api;

/**
 * One agent's strategy: called once per round, from one thread at a time.
 */
@FunctionalInterface
public interface StrategyInstance {

    /**
     * Chooses the agent's report.
     *
     * @param type    the agent's true private type, in report shape
     * @param context the public round information and the agent's own history
     * @return a report for {@code type.agent()}; the host validates it and treats an invalid one as a failure
     *         of the strategy for that round
     */
    Report report(Report type, RoundContext context);
}
