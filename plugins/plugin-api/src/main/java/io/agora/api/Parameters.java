package io.agora.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameter values that passed a {@link ParameterSchema}, with defaults filled in. Only
 * {@link ParameterSchema#validate(Map)} creates them. Getters throw {@link IllegalArgumentException} for a
 * name the schema does not declare, which is a bug in the plugin, not bad user input.
 */
public final class Parameters {
    private final ParameterSchema schema;
    private final Set<String> declared;
    private final Map<String, Object> values;

    Parameters(ParameterSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.declared = Set.copyOf(schema.names());
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The schema these values passed. */
    public ParameterSchema schema() {
        return schema;
    }

    /** Whether a value is present (given, or defaulted). */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    /** A {@link ParameterType#NUMBER} or {@link ParameterType#INTEGER} value. */
    public double number(String name) {
        return ((Number) get(name)).doubleValue();
    }

    /** An {@link ParameterType#INTEGER} value. */
    public long integer(String name) {
        return ((Number) get(name)).longValue();
    }

    /** A {@link ParameterType#CHOICE} value. */
    public String choice(String name) {
        return (String) get(name);
    }

    /** A {@link ParameterType#IDENTIFIER} value. */
    public String identifier(String name) {
        return (String) get(name);
    }

    /** A {@link ParameterType#TEXT} value. */
    public String text(String name) {
        return (String) get(name);
    }

    /** A {@link ParameterType#BOOLEAN} value. */
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    /** A copy of a {@link ParameterType#NUMBER_LIST} value. */
    public double[] numberList(String name) {
        return ((double[]) get(name)).clone();
    }

    /** A deep copy of a {@link ParameterType#NUMBER_MATRIX} value. */
    public double[][] matrix(String name) {
        double[][] m = (double[][]) get(name);
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }

    /** The values as plain Java objects (numbers, strings, booleans, arrays), for display and persistence. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        declared(name);
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter " + name + " has no value; check has() first");
        }
        return v;
    }

    private void declared(String name) {
        if (!declared.contains(name)) {
            throw new IllegalArgumentException("parameter " + name + " is not declared in the schema");
        }
    }

    @Override
    public String toString() {
        return "Parameters" + values;
    }
}
