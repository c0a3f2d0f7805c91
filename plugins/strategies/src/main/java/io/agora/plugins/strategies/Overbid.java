package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.Misreports;
import org.pf4j.Extension;

/**
 * A supplier that bids aggressively to win (P4): it asks {@code (1 − discount)} times its cost. It wins more often,
 * and loses money whenever the price it is paid falls below its cost. A report without the bid component is reported
 * as it is.
 */
@Extension
public final class Overbid implements StrategyPolicy {
    @Override
    public String id() {
        return "overbid";
    }

    @Override
    public String description() {
        return "Asks (1 - discount) times its cost: bids aggressively to win more often (P4 suppliers).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.number("discount", 0.25, 0.0, 1.0, "How far below its cost it asks, as a fraction of the cost."),
                Parameter.identifier("component", "bid", "The bid component it lowers."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        double factor = 1 - params.number("discount");
        String component = params.identifier("component");
        return (type, context) -> type.has(component) ? Misreports.scale(type, component, factor, context.reportShape()) : type;
    }
}
