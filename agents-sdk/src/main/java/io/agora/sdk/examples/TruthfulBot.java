package io.agora.sdk.examples;

import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;

/** Example bot: reports its true type. Under a truthful mechanism this is a best response. */
public final class TruthfulBot implements StrategyPolicy {
    @Override
    public String id() {
        return "truthful";
    }

    @Override
    public String description() {
        return "Reports the private type as it is.";
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
