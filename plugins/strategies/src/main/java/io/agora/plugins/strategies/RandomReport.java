package io.agora.plugins.strategies;

import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

import java.util.SplittableRandom;

/** Reports a uniformly random admissible report each round, ignoring its type. */
@Extension
public final class RandomReport implements StrategyPolicy {
    @Override
    public String id() {
        return "random";
    }

    @Override
    public String description() {
        return "Reports a random admissible report: rewards uniform then normalized, group size uniform within the bounds.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of();
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (type, context) -> Misreports.random(type, context.reportShape(), context.outcomes(), random);
    }
}
