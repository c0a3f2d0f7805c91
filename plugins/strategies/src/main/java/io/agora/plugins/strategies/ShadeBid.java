package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

/**
 * A supplier that shades its ask (P4): it asks {@code (1 + markup)} times its cost, made admissible (at most the
 * reserve). It wins less often and, when the price is its own ask, earns the markup. A report without the bid
 * component is reported as it is.
 */
@Extension
public final class ShadeBid implements StrategyPolicy {
    @Override
    public String id() {
        return "shade-bid";
    }

    @Override
    public String description() {
        return "Asks (1 + markup) times its cost: shades a supplier's bid to keep a margin (P4 suppliers).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.number("markup", 0.25, 0.0, 10.0, "How far above its cost it asks, as a fraction of the cost."),
                Parameter.identifier("component", "bid", "The bid component it shades."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double factor = 1 + params.number("markup");
        String component = params.identifier("component");
        return (type, context) -> type.has(component) ? Misreports.scale(type, component, factor, context.reportShape()) : type;
    }
}
