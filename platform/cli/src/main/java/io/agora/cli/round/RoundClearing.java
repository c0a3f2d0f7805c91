package io.agora.cli.round;

import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import io.agora.runtime.plugins.GuardedMechanism;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Clears and audits single rounds given in the wire format, with the mechanism the round names. */
public final class RoundClearing {
    private RoundClearing() {
    }

    /**
     * Opens the round's mechanism, clears the round and values the result for every agent.
     *
     * @throws InvalidInputException for invalid parameters, reports or types
     * @throws io.agora.runtime.plugins.PluginFailureException when the mechanism fails
     */
    public static ClearedRound clear(RoundRequest request) {
        GuardedMechanism mechanism = open(request);
        RoundInput input = request.input();
        Map<String, Report> types = types(mechanism, request);
        RoundResult result = mechanism.clear(input);
        return valued(mechanism, input, result, types, request.notes());
    }

    /**
     * Audits every agent whose true type the round lists.
     *
     * @throws InvalidInputException when no types are given, or for invalid input
     */
    public static AuditResult audit(RoundRequest request, AuditConfig config) {
        if (request.types().isEmpty()) {
            throw new InvalidInputException("types", "is required by audit: give the true type of each agent to audit");
        }
        GuardedMechanism mechanism = open(request);
        types(mechanism, request);
        return new IncentiveAudit(mechanism, mechanism.reportShape(), config).audit(request.input(), request.types());
    }

    private static GuardedMechanism open(RoundRequest request) {
        GuardedMechanism mechanism = request.mechanisms().open(request.context());
        RoundInput input = request.input();
        for (int i = 0; i < input.reports().size(); i++) {
            try {
                mechanism.validate(input.reports().get(i), input.outcomes());
            } catch (InvalidInputException e) {
                throw e.within("reports[" + i + "]");
            }
        }
        return mechanism;
    }

    private static Map<String, Report> types(GuardedMechanism mechanism, RoundRequest request) {
        RoundInput input = request.input();
        Map<String, Report> types = new HashMap<>();
        for (int t = 0; t < request.types().size(); t++) {
            Report type = request.types().get(t);
            if (input.indexOf(type.agent()) < 0) {
                throw new InvalidInputException("types[" + t + "].agent", "agent '" + type.agent() + "' has no report in the round");
            }
            if (types.put(type.agent(), type) != null) {
                throw new InvalidInputException("types[" + t + "].agent", "duplicate agent id '" + type.agent() + "'");
            }
            try {
                mechanism.validate(type, input.outcomes());
            } catch (InvalidInputException e) {
                throw e.within("types[" + t + "]");
            }
        }
        return types;
    }

    /** Values a result for every agent: under its true type when known, otherwise under its report. */
    public static ClearedRound valued(GuardedMechanism mechanism, RoundInput input, RoundResult result,
                                      Map<String, Report> types, List<String> notes) {
        Map<String, Double> payments = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> utilities = new LinkedHashMap<>();
        double welfare = 0;
        Map<String, Double> paid = result.paymentsByAgent();
        for (Report report : input.reports()) {
            Report type = types.getOrDefault(report.agent(), report);
            double value = mechanism.value(type, input, result);
            double payment = paid.getOrDefault(report.agent(), 0.0);
            payments.put(report.agent(), payment);
            values.put(report.agent(), value);
            utilities.put(report.agent(), value - payment);
            welfare += value;
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(result.notes());
        return new ClearedRound(mechanism.mechanismId(), result, payments, values, utilities, welfare, allNotes);
    }
}
