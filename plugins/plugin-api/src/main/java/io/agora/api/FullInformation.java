package io.agora.api;

import java.util.List;

/**
 * What a host that grants full information tells an agent about the current round: the other agents'
 * reports so far, and the agent's utility for any report it might make against them.
 */
public interface FullInformation {

    /** The other agents' reports in this round, in round order. */
    List<Report> othersReports();

    /**
     * The agent's utility (true value minus payment) if it reported {@code candidate} while the others keep
     * {@link #othersReports()}.
     *
     * @throws InvalidInputException if {@code candidate} is not admissible
     */
    double utilityOf(Report candidate);
}
