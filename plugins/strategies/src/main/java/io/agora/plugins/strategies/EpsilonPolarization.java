package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

/**
 * The misreport that beats truth when there are no payments: moves ε of reward toward the best outcome and
 * away from the worst (capped at the smallest reward so the report stays admissible).
 */
@Extension
public final class EpsilonPolarization implements StrategyPolicy {
    @Override
    public String id() {
        return "epsilon-polarization";
    }

    @Override
    public String description() {
        return "Polarizes the rewards by ε: +ε on the best outcome and −ε on the worst (sum normalization), −ε on the worst (max).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.number("epsilon", 0.01, 0.0, null, "The polarization step ε."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double epsilon = params.number("epsilon");
        return (type, context) -> Misreports.polarize(type, Report.REWARDS, epsilon, context.reportShape());
    }
}
