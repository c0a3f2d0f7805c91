package io.agora.sdk.examples;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;

/**
 * Example bot: exaggerates its preferences (rewards raised to a power {@code alpha}, renormalized the way the market
 * asks) and claims the largest group size the market admits. Against a truthful mechanism with payments this should
 * not pay; the leaderboard shows whether it does.
 */
public final class ExaggeratingBot implements StrategyPolicy {
    @Override
    public String id() {
        return "exaggerating";
    }

    @Override
    public String description() {
        return "Sharpens its reward vector (power alpha) and claims the largest admissible weight.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.positive("alpha", 3.0, "The power applied to each reward before renormalizing."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double alpha = params.number("alpha");
        return (type, context) -> {
            double[] r = type.rewards();
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.pow(Math.max(0, r[i]), alpha);
            }
            double[] normalized = context.reportSpace().normalization().normalize(r);
            return context.reportSpace().admissible(Report.ofRewards(type.agent(), normalized, context.reportSpace().maxWeight()));
        };
    }
}
