package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;


/** Scales the reported group size (or the rewards) by α, then makes the report admissible. */
@Extension
public final class AlphaScaling implements StrategyPolicy {
    @Override
    public String id() {
        return "alpha-scaling";
    }

    @Override
    public String description() {
        return "Reports α times one number of its true type (target: weight, the group size, by default; or a bid, or a reward vector), made admissible.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.number("alpha", 1.0, 0.0, null, "The scale factor α."),
                Parameter.identifier("target", "weight", "The report component scaled: a number (weight, bid) or a reward vector (rewards)."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double alpha = params.number("alpha");
        String target = params.identifier("target");
        return (type, context) -> Misreports.scale(type, target, alpha, context.reportShape());
    }
}
