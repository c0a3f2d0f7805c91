package io.agora.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a mechanism or strategy accepts, with defaults and validation. Hosts call
 * {@link #validate(Map)} on user input before handing the result to a plugin, so plugins only ever see
 * values that passed these rules.
 *
 * @param parameters the parameters, in display order, with unique names
 */
public record ParameterSchema(List<Parameter> parameters) {

    /** Copies the list and rejects duplicate names. */
    public ParameterSchema {
        parameters = List.copyOf(parameters);
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("duplicate parameter names in " + parameters);
        }
    }

    /** A schema of the given parameters. */
    public static ParameterSchema of(Parameter... parameters) {
        return new ParameterSchema(List.of(parameters));
    }

    /** The names, in order. */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /**
     * Checks raw values (as parsed from JSON or YAML: numbers, strings, booleans, lists) against the schema
     * and fills in defaults.
     *
     * @param raw the user's values; keys not in the schema are rejected
     * @return validated parameters
     * @throws InvalidInputException naming {@code params.NAME} and the rule broken
     */
    public Parameters validate(Map<String, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (names().stream().noneMatch(key::equals)) {
                throw new InvalidInputException("params." + key, "unknown parameter; known: " + String.join(", ", names()));
            }
        }
        for (Parameter p : parameters) {
            Object v = raw.get(p.name());
            if (v == null) {
                if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
                continue;
            }
            values.put(p.name(), convert(p, v));
        }
        return new Parameters(this, values);
    }

    private static Object convert(Parameter p, Object v) {
        String field = "params." + p.name();
        return switch (p.type()) {
            case NUMBER -> checkRange(p, field, number(field, v));
            case INTEGER -> {
                double d = number(field, v);
                if (d != Math.rint(d)) {
                    throw new InvalidInputException(field, "must be a whole number, got " + d);
                }
                checkRange(p, field, d);
                yield (long) d;
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw new InvalidInputException(field, "must be true or false, got " + v);
                }
                yield b;
            }
            case CHOICE -> {
                if (!(v instanceof String s) || !p.choices().contains(s)) {
                    throw new InvalidInputException(field, "must be one of " + String.join(", ", p.choices()) + ", got " + v);
                }
                yield s;
            }
            case IDENTIFIER -> {
                if (!(v instanceof String s) || !s.matches("[A-Za-z][A-Za-z0-9_-]{0,39}")) {
                    throw new InvalidInputException(field, "must be a name: a letter, then letters, digits, - or _, at most 40 characters, got " + v);
                }
                yield s;
            }
            case TEXT -> {
                if (!(v instanceof String s) || s.length() > 2000 || s.chars().anyMatch(Character::isISOControl)) {
                    throw new InvalidInputException(field, "must be text of at most 2000 characters without control characters");
                }
                yield s;
            }
            case NUMBER_LIST -> list(field, v);
            case NUMBER_MATRIX -> {
                if (!(v instanceof List<?> rows) || rows.isEmpty()) {
                    throw new InvalidInputException(field, "must be a non-empty list of rows of numbers");
                }
                double[][] m = new double[rows.size()][];
                for (int i = 0; i < m.length; i++) {
                    m[i] = list(field + "[" + i + "]", rows.get(i));
                    if (m[i].length != m[0].length) {
                        throw new InvalidInputException(field + "[" + i + "]", "length " + m[i].length + ", expected " + m[0].length);
                    }
                }
                yield m;
            }
        };
    }

    private static double number(String field, Object v) {
        if (!(v instanceof Number n)) {
            throw new InvalidInputException(field, "must be a number, got " + v);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(field, "must be a finite number, got " + d);
        }
        return d;
    }

    private static double checkRange(Parameter p, String field, double d) {
        if (p.min() != null && (d < p.min() || (p.minExclusive() && d == p.min()))) {
            throw new InvalidInputException(field, "must be " + (p.minExclusive() ? "> " : ">= ") + p.min() + ", got " + d);
        }
        if (p.max() != null && d > p.max()) {
            throw new InvalidInputException(field, "must be <= " + p.max() + ", got " + d);
        }
        return d;
    }

    private static double[] list(String field, Object v) {
        if (!(v instanceof List<?> items) || items.isEmpty()) {
            throw new InvalidInputException(field, "must be a non-empty list of numbers");
        }
        List<Double> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(number(field + "[" + i + "]", items.get(i)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
