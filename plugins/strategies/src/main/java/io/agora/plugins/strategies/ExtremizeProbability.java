package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import org.pf4j.Extension;

/**
 * A labeler that rounds its belief to 0 or 1 (P2's extremization): it reports 1 when its belief is at least 1/2, else
 * 0. A report without the probability component is reported as it is.
 */
@Extension
public final class ExtremizeProbability implements StrategyPolicy {
    @Override
    public String id() {
        return "extremize-probability";
    }

    @Override
    public String description() {
        return "Reports 1 when its belief is at least 1/2, else 0: extremizes a probability (P2 labelers).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.identifier("component", "probability", "The probability component it rounds."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        String component = params.identifier("component");
        return (type, context) -> type.has(component) ? type.toBuilder().number(component, type.number(component) >= 0.5 ? 1 : 0).build() : type;
    }
}
