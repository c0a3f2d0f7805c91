package io.agora.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a mechanism or strategy: its name, kind, default and the rules a value must meet.
 *
 * @param name         the key in {@code params}
 * @param type         the kind of value
 * @param defaultValue the value used when the key is absent; {@code null} means the parameter is optional
 *                     with no value (matrices) and {@link Parameters#has(String)} says whether it was given
 * @param min          the smallest allowed number, or {@code null}
 * @param minExclusive whether {@code min} itself is excluded
 * @param max          the largest allowed number (inclusive), or {@code null}
 * @param choices      the allowed strings of a {@link ParameterType#CHOICE}; empty otherwise
 * @param description  one sentence for users, shown by {@code agora plugins}
 */
public record Parameter(String name, ParameterType type, Object defaultValue, Double min, boolean minExclusive,
                        Double max, List<String> choices, String description) {

    /** Checks that the definition itself is consistent. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == ParameterType.CHOICE && (choices.isEmpty() || !choices.contains(defaultValue))) {
            throw new IllegalArgumentException("choice parameter " + name + " needs choices containing its default");
        }
    }

    /** A number in {@code [min, max]} (either bound may be null). */
    public static Parameter number(String name, double defaultValue, Double min, Double max, String description) {
        return new Parameter(name, ParameterType.NUMBER, defaultValue, min, false, max, List.of(), description);
    }

    /** A number strictly above {@code min}, such as a regularization weight. */
    public static Parameter positive(String name, double defaultValue, String description) {
        return new Parameter(name, ParameterType.NUMBER, defaultValue, 0.0, true, null, List.of(), description);
    }

    /** A whole number in {@code [min, max]} (either bound may be null). */
    public static Parameter integer(String name, long defaultValue, Long min, Long max, String description) {
        return new Parameter(name, ParameterType.INTEGER, defaultValue, min == null ? null : min.doubleValue(),
                false, max == null ? null : max.doubleValue(), List.of(), description);
    }

    /** One of {@code choices}. */
    public static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
        return new Parameter(name, ParameterType.CHOICE, defaultValue, null, false, null, choices, description);
    }

    /** A name (see {@link ParameterType#IDENTIFIER}), such as the report component a strategy changes. */
    public static Parameter identifier(String name, String defaultValue, String description) {
        return new Parameter(name, ParameterType.IDENTIFIER, defaultValue, null, false, null, List.of(), description);
    }

    /** Free text (see {@link ParameterType#TEXT}), such as a file path or a server's URL. */
    public static Parameter text(String name, String defaultValue, String description) {
        return new Parameter(name, ParameterType.TEXT, defaultValue, null, false, null, List.of(), description);
    }

    /** A boolean flag. */
    public static Parameter bool(String name, boolean defaultValue, String description) {
        return new Parameter(name, ParameterType.BOOLEAN, defaultValue, null, false, null, List.of(), description);
    }

    /** An optional list of numbers. */
    public static Parameter numberList(String name, String description) {
        return new Parameter(name, ParameterType.NUMBER_LIST, null, null, false, null, List.of(), description);
    }

    /** An optional matrix of numbers. */
    public static Parameter matrix(String name, String description) {
        return new Parameter(name, ParameterType.NUMBER_MATRIX, null, null, false, null, List.of(), description);
    }
}
