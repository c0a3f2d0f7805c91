package io.agora.experiment.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.api.InvalidInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields from a JSON or YAML tree, with errors that name the field's path and the rule.
 */
public final class Fields {
    private Fields() {
    }

    /** {@code node} as an object whose keys are all in {@code allowed}. */
    public static JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(path.isEmpty() ? "input" : path, "must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InvalidInputException(join(path, key), "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return node;
    }

    /** The child {@code key}, or {@code null} when absent or JSON null. */
    public static JsonNode optional(JsonNode node, String key) {
        JsonNode child = node.get(key);
        return child == null || child.isNull() ? null : child;
    }

    /** The child {@code key}, which must be present. */
    public static JsonNode required(JsonNode node, String path, String key) {
        JsonNode child = optional(node, key);
        if (child == null) {
            throw new InvalidInputException(join(path, key), "is required");
        }
        return child;
    }

    /** A finite number. */
    public static double number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw new InvalidInputException(path, "must be a number, got " + describe(node));
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(path, "must be a finite number, got " + node.asText());
        }
        return v;
    }

    /** A whole number in {@code [min, max]}. */
    public static long integer(JsonNode node, String path, long min, long max) {
        double v = number(node, path);
        if (v != Math.rint(v)) {
            throw new InvalidInputException(path, "must be a whole number, got " + v);
        }
        if (v < min || v > max) {
            throw new InvalidInputException(path, "must be between " + min + " and " + max + ", got " + (long) v);
        }
        return (long) v;
    }

    /** A non-blank string. */
    public static String string(JsonNode node, String path) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidInputException(path, "must be a non-empty string, got " + describe(node));
        }
        return node.asText();
    }

    /** A non-empty array. */
    public static List<JsonNode> array(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(path, "must be a non-empty array, got " + describe(node));
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    /** A non-empty array of finite numbers. */
    public static double[] numbers(JsonNode node, String path) {
        List<JsonNode> items = array(node, path);
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(items.get(i), path + "[" + i + "]");
        }
        return out;
    }

    /** An object as plain Java values (for parameters). */
    public static Map<String, Object> map(JsonNode node, String path) {
        if (node == null) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw new InvalidInputException(path, "must be an object, got " + describe(node));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.toJava(node);
        return map;
    }

    /** {@code parent.key}, or {@code key} at the root. */
    public static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        return node.isContainerNode() ? (node.isArray() ? "an array" : "an object") : node.toString();
    }
}
