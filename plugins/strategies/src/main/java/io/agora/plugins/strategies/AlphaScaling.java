package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

import java.util.List;

/** Scales the reported group size (or the rewards) by α, then makes the report admissible. */
@Extension
public final class AlphaScaling implements StrategyPolicy {
    @Override
    public String id() {
        return "alpha-scaling";
    }

    @Override
    public String description() {
        return "Reports α times the true group size (target weight) or the rewards (target rewards), made admissible.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.number("alpha", 1.0, 0.0, null, "The scale factor α."),
                Parameter.choice("target", "weight", List.of("weight", "rewards"), "What is scaled."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double alpha = params.number("alpha");
        boolean weight = params.choice("target").equals("weight");
        return (type, context) -> weight
                ? Misreports.scaleWeight(type, alpha, context.reportSpace())
                : Misreports.scaleRewards(type, alpha, context.reportSpace());
    }
}
