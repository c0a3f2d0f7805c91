package io.agora.sdk.examples;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
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
            ReportShape shape = context.reportShape();
            Report.Builder report = type.toBuilder();
            if (type.rewardCount() > 0) {
                double[] r = type.rewards();
                for (int i = 0; i < r.length; i++) {
                    r[i] = Math.pow(Math.max(0, r[i]), alpha);
                }
                report.numbers(Report.REWARDS, r);
            }
            if (shape.component(Report.WEIGHT).orElse(null) instanceof ReportComponent.Scalar weight) {
                report.number(Report.WEIGHT, weight.max());
            }
            // admissible() renormalizes the sharpened rewards the way the mechanism declares.
            return shape.admissible(report.build());
        };
    }
}
