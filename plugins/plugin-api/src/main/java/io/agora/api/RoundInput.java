package io.agora.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a mechanism sees when it clears one round: the outcome space, the reference policy and one
 * report per participating agent.
 *
 * <p>Validated on construction: the reference has one entry per outcome, agent ids are unique, and every
 * reward vector is either empty or has one entry per outcome. Mechanism-specific rules (non-negative
 * rewards, normalization, group-size bounds) are the mechanism's to check.
 *
 * @param round     the round number within its market, from 0
 * @param outcomes  the outcome space
 * @param reference the reference policy {@code q}, positive on every outcome the mechanism may choose
 * @param reports   the reports, in a fixed order that results keep
 */
public record RoundInput(int round, OutcomeSpace outcomes, Policy reference, List<Report> reports) {

    /** Checks sizes and unique agents; copies the report list. */
    public RoundInput {
        if (round < 0) {
            throw new InvalidInputException("round", "must be >= 0, got " + round);
        }
        if (reference.size() != outcomes.size()) {
            throw new InvalidInputException("reference", "length " + reference.size() + ", expected "
                    + outcomes.size() + " (the number of outcomes)");
        }
        reports = List.copyOf(reports);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            if (!seen.add(r.agent())) {
                throw new InvalidInputException("reports[" + i + "].agent", "duplicate agent id '" + r.agent() + "'");
            }
            if (r.rewardCount() != 0 && r.rewardCount() != outcomes.size()) {
                throw new InvalidInputException("reports[" + i + "].rewards", "length " + r.rewardCount()
                        + ", expected " + outcomes.size() + " (the number of outcomes)");
            }
        }
    }

    /** The index of an agent's report, or -1 when the agent did not report. */
    public int indexOf(String agent) {
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).agent().equals(agent)) {
                return i;
            }
        }
        return -1;
    }

    /** The same round with agent {@code index}'s report replaced (used by audits and best responses). */
    public RoundInput withReport(int index, Report replacement) {
        Report[] copy = reports.toArray(new Report[0]);
        copy[index] = replacement;
        return new RoundInput(round, outcomes, reference, List.of(copy));
    }
}
