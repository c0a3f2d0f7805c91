package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import org.pf4j.Extension;

/**
 * A labeler that shades its reported probability toward the label it wants (P2): it reports
 * {@code (1 − α)·belief + α·θ}, with θ the type's {@code preferred} component (0.5 when the type has none). A report
 * without the probability component is reported as it is.
 */
@Extension
public final class ShadeProbability implements StrategyPolicy {
    @Override
    public String id() {
        return "shade-probability";
    }

    @Override
    public String description() {
        return "Reports (1 - alpha) * belief + alpha * preferred: shades a probability toward the label it wants (P2 labelers).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.number("alpha", 0.5, 0.0, 1.0, "How far toward the preferred label: 0 is truthful, 1 reports the preferred label."),
                Parameter.identifier("component", "probability", "The probability component it shades."),
                Parameter.identifier("preferred", "preferred", "The type's component that holds the preferred label."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double alpha = params.number("alpha");
        String component = params.identifier("component");
        String preferred = params.identifier("preferred");
        return (type, context) -> {
            if (!type.has(component)) {
                return type;
            }
            double theta = type.has(preferred) ? type.number(preferred) : 0.5;
            return type.toBuilder().number(component, (1 - alpha) * type.number(component) + alpha * theta).build();
        };
    }
}
