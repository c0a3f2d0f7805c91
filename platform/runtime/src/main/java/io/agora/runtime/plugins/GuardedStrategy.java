package io.agora.runtime.plugins;

import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.RoundContext;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;

import java.util.Map;

/** A strategy instance whose calls are isolated and whose reports are checked to be for its own agent. */
public final class GuardedStrategy implements StrategyInstance {
    private final Factory factory;
    private final StrategyInstance delegate;

    private GuardedStrategy(Factory factory, StrategyInstance delegate) {
        this.factory = factory;
        this.delegate = delegate;
    }

    /**
     * Validates raw parameters once; the factory then creates one guarded instance per agent and seed.
     *
     * @throws io.agora.api.InvalidInputException for invalid parameters
     */
    public static Factory prepare(Installed<StrategyPolicy> installed, Map<String, ?> rawParams) {
        StrategyPolicy policy = installed.extension();
        Parameters params = Guard.call(installed.pluginId(), "parameters", () -> policy.parameters()).validate(rawParams);
        boolean others = Guard.call(installed.pluginId(), "usesOthersReports", policy::usesOthersReports);
        return new Factory(installed.pluginId(), policy, params, others);
    }

    /** Creates guarded instances of one strategy with validated parameters. */
    public static final class Factory {
        private final String pluginId;
        private final StrategyPolicy policy;
        private final Parameters params;
        private final boolean usesOthersReports;

        private Factory(String pluginId, StrategyPolicy policy, Parameters params, boolean usesOthersReports) {
            this.pluginId = pluginId;
            this.policy = policy;
            this.params = params;
            this.usesOthersReports = usesOthersReports;
        }

        /** A new instance whose random choices follow {@code seed}. */
        public GuardedStrategy create(long seed) {
            StrategyInstance instance = Guard.call(pluginId, "create", () -> policy.create(params, seed));
            if (instance == null) {
                throw Guard.broken(pluginId, policy.id() + ".create returned no instance");
            }
            return new GuardedStrategy(this, instance);
        }

        /** Whether the strategy wants the others' reports of the current round. */
        public boolean usesOthersReports() {
            return usesOthersReports;
        }
    }

    /** The strategy id. */
    public String strategyId() {
        return factory.policy.id();
    }

    /** Whether the strategy wants the others' reports of the current round. */
    public boolean usesOthersReports() {
        return factory.usesOthersReports;
    }

    @Override
    public Report report(Report type, RoundContext context) {
        String pluginId = factory.pluginId;
        Report report = Guard.call(pluginId, strategyId() + ".report", () -> delegate.report(type, context));
        if (report == null || !report.agent().equals(type.agent())) {
            throw Guard.broken(pluginId, strategyId() + " reported for " + (report == null ? "nobody" : "'" + report.agent() + "'")
                    + " instead of '" + type.agent() + "'");
        }
        return report;
    }
}
