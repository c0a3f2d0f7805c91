package io.agora.cli.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.InvalidInputException;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.core.audit.AgentAudit;
import io.agora.core.audit.AuditResult;
import io.agora.experiment.json.Fields;
import io.agora.experiment.json.Json;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginHost;
import io.agora.wire.ReportJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes rounds in the wire format shared by the command line, the HTTP API and the SDK: a report is
 * the object {@link ReportJson} reads, in the shape the round's mechanism declares.
 * Every error names the offending field, such as {@code reports[1].rewards[2]}.
 */
public final class RoundCodec {
    private static final Set<String> ROUND_FIELDS = Set.of("mechanism", "params", "round", "reference", "reports", "types");
    private static final double NORMALIZED = 1e-9;

    private RoundCodec() {
    }

    /**
     * Reads a round; its reports and types are read in the shape that {@code host}'s mechanism declares for the
     * round's parameters (the same JSON form as a report's body in the HTTP API, with an {@code agent} field).
     *
     * @throws InvalidInputException for any field that breaks the format, an unknown mechanism or invalid parameters
     */
    public static RoundRequest read(JsonNode root, PluginHost host) {
        Fields.object(root, "", ROUND_FIELDS);
        String mechanism = Fields.string(Fields.required(root, "", "mechanism"), "mechanism");
        Map<String, Object> params = Fields.map(Fields.optional(root, "params"), "params");
        GuardedMechanism.Factory factory = GuardedMechanism.prepare(host.mechanism(mechanism, "mechanism"), params);
        JsonNode roundNode = Fields.optional(root, "round");
        int round = roundNode == null ? 0 : (int) Fields.integer(roundNode, "round", 0, Integer.MAX_VALUE);
        List<String> notes = new ArrayList<>();
        Policy reference = reference(Fields.required(root, "", "reference"), notes);
        List<Report> reports = reports(Fields.required(root, "", "reports"), "reports", factory.shape());
        JsonNode typesNode = Fields.optional(root, "types");
        List<Report> types = typesNode == null ? List.of() : reports(typesNode, "types", factory.shape());
        return new RoundRequest(mechanism, params, factory, host.context("clear", 0), round, reference, reports, types, notes);
    }

    private static Policy reference(JsonNode node, List<String> notes) {
        double[] q = Fields.numbers(node, "reference");
        double sum = 0;
        for (int y = 0; y < q.length; y++) {
            if (q[y] <= 0) {
                throw new InvalidInputException("reference[" + y + "]", "must be positive (the reference policy covers every outcome), got " + q[y]);
            }
            sum += q[y];
        }
        if (Math.abs(sum - 1) > NORMALIZED) {
            notes.add("reference summed to " + sum + " and was normalized");
        }
        return Policy.ofProbabilities(q);
    }

    private static List<Report> reports(JsonNode node, String path, ReportShape shape) {
        List<JsonNode> items = Fields.array(node, path);
        List<Report> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(ReportJson.read(items.get(i), null, shape, path + "[" + i + "]"));
        }
        return out;
    }

    /** Writes a cleared round in the wire format. */
    public static ObjectNode write(ClearedRound cleared) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("mechanism", cleared.mechanism());
        ArrayNode policy = out.putArray("policy");
        for (double p : cleared.result().policy().probabilities()) {
            policy.add(p);
        }
        putMap(out.putObject("payments"), cleared.payments());
        putMap(out.putObject("values"), cleared.values());
        putMap(out.putObject("utilities"), cleared.utilities());
        out.put("welfare", cleared.welfare());
        if (!cleared.result().diagnostics().isEmpty()) {
            putMap(out.putObject("diagnostics"), cleared.result().diagnostics());
        }
        if (!cleared.notes().isEmpty()) {
            ArrayNode notes = out.putArray("notes");
            cleared.notes().forEach(notes::add);
        }
        return out;
    }

    /** Writes an audit. */
    public static ObjectNode write(String mechanism, AuditResult audit) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("mechanism", mechanism);
        out.put("maxGain", audit.maxGain());
        out.put("epsilonIC", Math.max(0, audit.maxGain()));
        out.put("irViolations", audit.irViolations());
        out.put("negativePayments", audit.negativePayments());
        ArrayNode agents = out.putArray("agents");
        for (AgentAudit a : audit.agents()) {
            ObjectNode o = agents.addObject();
            o.put("agent", a.agent());
            o.put("truthfulUtility", a.truthfulUtility());
            o.put("truthfulPayment", a.truthfulPayment());
            o.put("maxGain", a.maxGain());
            o.put("bestFamily", a.bestFamily());
            o.set("bestReport", ReportJson.write(a.bestReport(), true));
            putMap(o.putObject("gainByFamily"), a.gainByFamily());
            o.put("irViolated", a.irViolated());
            o.put("negativePayment", a.negativePayment());
        }
        return out;
    }

    private static void putMap(ObjectNode node, Map<String, Double> values) {
        values.forEach(node::put);
    }
}
