package io.agora.plugins.strategies;

import io.agora.api.FullInformation;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

import java.util.List;

/**
 * Reports {@code β·r + (1−β)·r̄}, where r̄ is the mean of the other agents' reports when the host discloses
 * them, and otherwise the uniform reward (the agent's best guess of the others with no information).
 */
@Extension
public final class BetaMixing implements StrategyPolicy {
    @Override
    public String id() {
        return "beta-mixing";
    }

    @Override
    public String description() {
        return "Reports β·r + (1−β)·(mean of the others' reports, or uniform without full information), made admissible.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.number("beta", 1.0, null, null, "The mixing weight β on the agent's own rewards."));
    }

    @Override
    public boolean usesOthersReports() {
        return true;
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double beta = params.number("beta");
        return (type, context) -> {
            List<Report> others = context.fullInformation().map(FullInformation::othersReports).orElse(List.of());
            if (others.isEmpty()) {
                double[] uniform = new double[type.rewardCount()];
                java.util.Arrays.fill(uniform, 1.0 / Math.max(1, uniform.length));
                others = List.of(Report.builder(type.agent()).numbers(Report.REWARDS, uniform).build());
            }
            return Misreports.mix(type, Report.REWARDS, beta, others, context.reportShape());
        };
    }
}
