package io.agora.plugins.strategies;

import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import org.pf4j.Extension;

/** Reports the true type. */
@Extension
public final class Truthful implements StrategyPolicy {
    @Override
    public String id() {
        return "truthful";
    }

    @Override
    public String description() {
        return "Reports the true type.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of();
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        return (type, context) -> type;
    }
}
