package io.agora.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;

import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON form of a report, for the HTTP API (the body of a report, the agent implied by the seat) and the
 * command line's round files (the same object with an {@code agent} field): one field per component of the
 * mechanism's {@link ReportShape}, a reward vector and a ranking as arrays, a number as a number, a text as a
 * string. Reading checks only the JSON kinds, naming the field; the rules of each component are checked where every
 * report is checked, by the host (the market, or the command line) against the mechanism.
 */
public final class ReportJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportJson() {
    }

    /**
     * Reads a report object.
     *
     * @param node  the object
     * @param agent the reporter; {@code null} when the object names it in an {@code agent} field (round files)
     * @param shape the components the mechanism takes
     * @param path  the object's path in the enclosing document for errors ({@code ""} for a request body)
     * @throws InvalidInputException naming the field and the rule broken
     */
    public static Report read(JsonNode node, String agent, ReportShape shape, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(path.isEmpty() ? "body" : path, "must be a JSON object with the report's fields: "
                    + String.join(", ", shape.names()));
        }
        String who = agent;
        if (who == null) {
            JsonNode a = node.get("agent");
            if (a == null || !a.isTextual() || a.asText().isBlank()) {
                throw new InvalidInputException(join(path, "agent"), "is required: the reporting agent's id");
            }
            who = a.asText();
        }
        Report.Builder report = Report.builder(who);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (agent == null && name.equals("agent")) {
                continue;
            }
            ReportComponent c = shape.component(name).orElseThrow(() -> new InvalidInputException(join(path, name),
                    "is not part of this mechanism's report; it takes " + String.join(", ", shape.names())));
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            String at = join(path, name);
            if (c instanceof ReportComponent.Rewards) {
                report.numbers(name, numbers(v, at));
            } else if (c instanceof ReportComponent.Scalar) {
                report.number(name, number(v, at));
            } else if (c instanceof ReportComponent.Ranking) {
                report.ranking(name, indices(v, at));
            } else {
                if (!v.isTextual()) {
                    throw new InvalidInputException(at, "must be a string (" + c.description() + ")");
                }
                report.text(name, v.asText());
            }
        }
        return report.build();
    }

    /** Writes a report in the shape's component order; with {@code withAgent}, the agent first (round files). */
    public static ObjectNode write(Report report, boolean withAgent) {
        ObjectNode o = NODES.objectNode();
        if (withAgent) {
            o.put("agent", report.agent());
        }
        for (String name : report.components()) {
            switch (report.kindOf(name)) {
                case "numbers" -> {
                    ArrayNode a = o.putArray(name);
                    for (double v : report.numbers(name)) {
                        a.add(v);
                    }
                }
                case "number" -> o.put(name, report.number(name));
                case "ranking" -> {
                    ArrayNode a = o.putArray(name);
                    for (int v : report.ranking(name)) {
                        a.add(v);
                    }
                }
                default -> o.put(name, report.text(name));
            }
        }
        return o;
    }

    /** What JSON value a component takes, with its rules, in one line for people (the CLI, the API's descriptions). */
    public static String describe(ReportComponent c) {
        String rule;
        if (c instanceof ReportComponent.Rewards r) {
            rule = "a list of numbers, one per outcome" + (r.nonNegative() ? ", each >= 0" : "")
                    + switch (r.normalization()) {
                        case SUM -> ", summing to 1";
                        case MAX -> ", with maximum 1";
                        case NONE -> "";
                    };
        } else if (c instanceof ReportComponent.Scalar s) {
            rule = (s.integer() ? "a whole number" : "a number") + " in " + s.range();
        } else if (c instanceof ReportComponent.Ranking k) {
            rule = "a list of at least " + k.minLength() + " distinct outcome indices, best first";
        } else {
            ReportComponent.Text t = (ReportComponent.Text) c;
            rule = (t.identifier() ? "an id (letters, digits and . _ : -)" : "a text") + " of at most " + t.maxLength() + " characters";
        }
        return rule + (c.required() ? "" : ", optional") + ": " + c.description();
    }

    private static double number(JsonNode v, String at) {
        if (!v.isNumber()) {
            throw new InvalidInputException(at, "must be a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(at, "must be a finite number, got " + v.asText());
        }
        return d;
    }

    private static double[] numbers(JsonNode v, String at) {
        if (!v.isArray()) {
            throw new InvalidInputException(at, "must be a list of numbers, one per outcome");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(v.get(i), at + "[" + i + "]");
        }
        return out;
    }

    private static int[] indices(JsonNode v, String at) {
        if (!v.isArray()) {
            throw new InvalidInputException(at, "must be a list of outcome indices, best first");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new InvalidInputException(at + "[" + i + "]", "must be an outcome index (a whole number)");
            }
            out[i] = e.intValue();
        }
        return out;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
