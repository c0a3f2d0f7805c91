package io.agora.runtime.plugins;

import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Parameters;
import io.agora.api.Payment;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.PreferencePair;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mechanism instance whose every call is isolated: exceptions other than invalid input become
 * {@link PluginFailureException}s, and results are checked (one payment per report in order, a policy over
 * the round's outcomes, finite values) before anyone uses them.
 */
public final class GuardedMechanism implements MechanismInstance {
    private final String pluginId;
    private final String mechanismId;
    private final MechanismInstance delegate;
    private final ReportShape shape;

    private GuardedMechanism(Factory factory, MechanismInstance delegate) {
        this.pluginId = factory.pluginId;
        this.mechanismId = factory.mechanism.id();
        this.delegate = delegate;
        this.shape = factory.shape;
    }

    /**
     * Validates raw parameters against the mechanism's schema and opens a guarded instance.
     *
     * @param installed the mechanism and its plugin
     * @param rawParams parameters as parsed from JSON or YAML
     * @param context   the market's id and seed, and the host's services
     * @throws io.agora.api.InvalidInputException for invalid parameters
     */
    public static GuardedMechanism open(Installed<Mechanism> installed, Map<String, ?> rawParams, MechanismContext context) {
        return prepare(installed, rawParams).open(context);
    }

    /**
     * Validates raw parameters once; the factory then opens one guarded instance per market.
     *
     * @throws io.agora.api.InvalidInputException for invalid parameters
     */
    public static Factory prepare(Installed<Mechanism> installed, Map<String, ?> rawParams) {
        Mechanism mechanism = installed.extension();
        Parameters params = Guard.call(installed.pluginId(), "parameters", () -> mechanism.parameters()).validate(rawParams);
        ReportShape shape = Guard.call(installed.pluginId(), "reportShape", () -> mechanism.reportShape(params));
        if (shape == null) {
            throw Guard.broken(installed.pluginId(), "reportShape returned no shape");
        }
        return new Factory(installed.pluginId(), mechanism, params, shape);
    }

    /** Opens guarded instances of one mechanism with validated parameters. */
    public static final class Factory {
        private final String pluginId;
        private final Mechanism mechanism;
        private final Parameters params;
        private final ReportShape shape;

        private Factory(String pluginId, Mechanism mechanism, Parameters params, ReportShape shape) {
            this.pluginId = pluginId;
            this.mechanism = mechanism;
            this.params = params;
            this.shape = shape;
        }

        /** The reports the instances admit. */
        public ReportShape shape() {
            return shape;
        }

        /**
         * A new instance for a new market.
         *
         * @throws io.agora.api.InvalidInputException if the parameters do not fit together
         */
        public GuardedMechanism open(MechanismContext context) {
            MechanismInstance instance = Guard.call(pluginId, "open", () -> mechanism.open(params, context));
            if (instance == null) {
                throw Guard.broken(pluginId, "open returned no instance");
            }
            return new GuardedMechanism(this, instance);
        }
    }

    /** The mechanism id. */
    public String mechanismId() {
        return mechanismId;
    }

    /** The reports this instance admits, as its mechanism declared them for the market's parameters. */
    public ReportShape reportShape() {
        return shape;
    }

    /**
     * The one check of a report on its way in: against the declared shape (component by component, in the host),
     * then the mechanism's own rules across components.
     *
     * @throws io.agora.api.InvalidInputException naming the component and the rule broken
     */
    @Override
    public void validate(Report report, OutcomeSpace outcomes) {
        shape.validate(report, outcomes);
        validateOwnRules(report, outcomes);
    }

    /**
     * The mechanism's own rules across components alone, for a report whose shape was checked already ({@link
     * ReportShape#validate}, host code that may run in parallel; this call may not: the plugin API promises a
     * mechanism {@code validate} on one thread at a time).
     */
    public void validateOwnRules(Report report, OutcomeSpace outcomes) {
        Guard.call(pluginId, "validate", () -> {
            delegate.validate(report, outcomes);
            return null;
        });
    }

    /**
     * The mechanism's type for an agent, or empty; a type that does not fit the declared shape is a failure of the
     * plugin (it would deal agents types they could not report).
     */
    @Override
    public Optional<Report> drawType(TypeDraw draw) {
        Optional<Report> type = Guard.call(pluginId, "drawType", () -> delegate.drawType(draw));
        if (type == null) {
            throw Guard.broken(pluginId, "drawType returned null");
        }
        if (type.isPresent()) {
            try {
                shape.validate(type.get(), draw.outcomes());
            } catch (io.agora.api.InvalidInputException e) {
                throw Guard.broken(pluginId, "drawType dealt a type outside the report shape: " + e.getMessage());
            }
        }
        return type;
    }

    @Override
    public RoundResult clear(RoundInput round) {
        RoundResult result = Guard.call(pluginId, "clear", () -> delegate.clear(round));
        if (result == null) {
            throw Guard.broken(pluginId, "clear returned no result");
        }
        if (result.policy().size() != round.outcomes().size()) {
            throw Guard.broken(pluginId, "clear returned a policy over " + result.policy().size() + " outcomes, expected " + round.outcomes().size());
        }
        List<Payment> payments = result.payments();
        if (payments.size() != round.reports().size()) {
            throw Guard.broken(pluginId, "clear returned " + payments.size() + " payments for " + round.reports().size() + " reports");
        }
        for (int i = 0; i < payments.size(); i++) {
            if (!payments.get(i).agent().equals(round.reports().get(i).agent())) {
                throw Guard.broken(pluginId, "clear returned payment " + i + " for '" + payments.get(i).agent()
                        + "', expected '" + round.reports().get(i).agent() + "'");
            }
        }
        return result;
    }

    @Override
    public double value(Report type, RoundInput round, RoundResult result) {
        return Guard.finite(pluginId, "value", Guard.call(pluginId, "value", () -> delegate.value(type, round, result)));
    }

    @Override
    public Optional<String> snapshot() {
        Optional<String> state = Guard.call(pluginId, "snapshot", delegate::snapshot);
        if (state == null) {
            throw Guard.broken(pluginId, "snapshot returned null instead of an Optional");
        }
        return state;
    }

    @Override
    public void restore(String snapshot) {
        Guard.call(pluginId, "restore", () -> {
            delegate.restore(snapshot);
            return null;
        });
    }

    @Override
    public void settle(RoundRecord round) {
        Guard.call(pluginId, "settle", () -> {
            delegate.settle(round);
            return null;
        });
    }

    /**
     * The round's preference pairs, checked against its outcomes; a plugin that names an outcome the round does not
     * have, or returns null, fails like any plugin fault.
     */
    @Override
    public List<PreferencePair> preferences(RoundRecord round) {
        List<PreferencePair> pairs = Guard.call(pluginId, "preferences", () -> delegate.preferences(round));
        if (pairs == null) {
            throw Guard.broken(pluginId, "preferences returned null instead of a list");
        }
        int m = round.input().outcomes().size();
        for (PreferencePair p : pairs) {
            if (p == null || p.chosen() >= m || p.rejected() >= m) {
                throw Guard.broken(pluginId, "preferences named an outcome the round does not have (it has " + m + ")");
            }
        }
        return List.copyOf(pairs);
    }
}
