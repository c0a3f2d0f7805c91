package io.agora.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public information an agent has when it reports: which mechanism runs, the round, the outcome space
 * and reference policy, the admissible reports, and the agent's own history.
 *
 * @param mechanism       the mechanism id
 * @param round           the round number
 * @param outcomes        the outcome space
 * @param reference       the reference policy
 * @param reportShape     the reports the mechanism admits
 * @param history         the agent's own most recent rounds in this market, oldest first (a host may keep only the
 *                        latest few: the platform's hosted agents see 32)
 * @param fullInformation present when the host discloses the others' reports (hosted experiments may)
 */
public record RoundContext(String mechanism, int round, OutcomeSpace outcomes, Policy reference,
                           ReportShape reportShape, List<PastRound> history,
                           Optional<FullInformation> fullInformation) {

    /** Copies the history. */
    public RoundContext {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(reportShape, "reportShape");
        history = List.copyOf(history);
        Objects.requireNonNull(fullInformation, "fullInformation");
    }
}
