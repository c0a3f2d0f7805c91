package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An installed mechanism: what it does, the parameters a market may set, and the report it takes (with its default
 * parameters; a market's own parameters may narrow a rule, such as the largest group size).
 *
 * @param id          the mechanism id used in {@code MarketCreate.mechanism}
 * @param plugin      the plugin that contributes it
 * @param description one sentence
 * @param parameters  its parameters
 * @param report      the components of a report, in order
 */
public record MechanismView(String id, String plugin, String description, List<ParameterView> parameters,
                            List<ReportComponentView> report) {

    /**
     * One parameter.
     *
     * @param name             the key in {@code params}
     * @param type             number, integer, boolean, choice, identifier, number_list or number_matrix
     * @param defaultValue     the value when absent (absent when the parameter has none)
     * @param minimum          the smallest number
     * @param exclusiveMinimum whether {@code minimum} itself is excluded
     * @param maximum          the largest number
     * @param choices          the allowed strings of a choice
     * @param description      one sentence
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParameterView(String name, String type, Object defaultValue, Double minimum, Boolean exclusiveMinimum,
                                Double maximum, List<String> choices, String description) {
    }
}
