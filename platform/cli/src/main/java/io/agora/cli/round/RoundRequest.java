package io.agora.cli.round;

import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;

import java.util.List;
import java.util.Map;

/**
 * One round in the wire format: the mechanism and its parameters, the reference policy, the reports, and
 * optionally some agents' true types.
 *
 * @param mechanism the mechanism id
 * @param params    raw parameters, as given
 * @param mechanisms the mechanism with the parameters validated, which opens instances for the round
 * @param context   what the mechanism is told when it opens: one round read from a file has no market, so the
 *                  context names the command and a fixed seed, with the host's services
 * @param round     the round number
 * @param reference the reference policy, normalized
 * @param reports   one report per agent
 * @param types     true types of some agents; may be empty
 * @param notes     remarks made while reading the input (such as a normalized reference)
 */
public record RoundRequest(String mechanism, Map<String, Object> params, GuardedMechanism.Factory mechanisms,
                           io.agora.api.MechanismContext context, int round, Policy reference,
                           List<Report> reports, List<Report> types, List<String> notes) {

    /** Copies the collections. */
    public RoundRequest {
        params = Map.copyOf(params);
        reports = List.copyOf(reports);
        types = List.copyOf(types);
        notes = List.copyOf(notes);
    }

    /** The round as the mechanism sees it. */
    public RoundInput input() {
        return new RoundInput(round, OutcomeSpace.of(reference.size()), reference, reports);
    }
}
