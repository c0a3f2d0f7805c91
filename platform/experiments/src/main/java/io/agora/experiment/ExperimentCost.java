package io.agora.experiment;

import io.agora.api.InvalidInputException;

import java.util.List;

/**
 * What an experiment will cost, estimated from its config alone (no plugins, nothing expanded), so that a config
 * that would exhaust memory or run for days is refused before anything runs. The parser bounds each value on its
 * own; the products are what hurt: a million agents is fine, a million agents times ten million outcomes is not.
 *
 * <p>The numbers are deliberately rough counts, not bytes or seconds: they only have to separate sane configs
 * from hostile ones, and stay stable as the runtime changes.
 *
 * @param points          sweep points (each runs every sample)
 * @param agents          hosted agents per market
 * @param valuesPerMarket numbers one market holds per round: outcomes × (agents + menu entries); every lane holds
 *                        one market at a time, so this is the memory that grows with the config
 * @param workPerRound    evaluations per round: agents × outcomes × (1 clearing + 1 truthful baseline + audit
 *                        evaluations of every audited agent + menu entries)
 * @param work            the whole run: sweep points × samples × rounds × work per round
 */
public record ExperimentCost(long points, long agents, long valuesPerMarket, long workPerRound, long work) {

    /**
     * The ceilings a caller enforces; the defaults accept every example under {@code plugins/} (the largest,
     * p1-noise, costs about 6.4e7 work; p1-table1 3.5e7) with room to spare.
     *
     * @param maxValuesPerMarket the most {@link #valuesPerMarket()}
     * @param maxWork            the most {@link #work()}
     * @param maxPoints          the most sweep points
     */
    public record Limits(long maxValuesPerMarket, long maxWork, long maxPoints) {
        public static final Limits DEFAULTS = new Limits(1_000_000, 1_000_000_000L, 1_000);
    }

    /** Estimates {@code config}'s cost; saturates at {@link Long#MAX_VALUE} instead of overflowing. */
    public static ExperimentCost of(ExperimentConfig config) {
        long points = 0;
        for (SweepSpec sweep : config.sweeps()) {
            points = add(points, pointsOf(sweep));
        }
        long agents = 0;
        for (GroupSpec g : config.population()) {
            agents = add(agents, g.count());
        }
        long menu = config.menu() == null ? 0 : config.menu().size();
        long values = mul(config.outcomes(), add(agents, menu));
        long evaluations = add(add(1, config.baseline() ? 1 : 0), menu);
        evaluations = add(evaluations, mul(auditedAgents(config), add(config.auditRandom(), config.auditSearch())));
        long perRound = mul(mul(agents, config.outcomes()), evaluations);
        long work = mul(mul(mul(points, config.samples()), config.rounds()), perRound);
        return new ExperimentCost(points, agents, values, perRound, work);
    }

    /**
     * Estimates {@code config}'s cost and refuses it when it exceeds {@code limits}.
     *
     * @throws InvalidInputException naming the field to lower (the largest factor) and the rule in plain words
     */
    public static ExperimentCost check(ExperimentConfig config, Limits limits) {
        ExperimentCost cost = of(config);
        if (cost.points > limits.maxPoints()) {
            throw new InvalidInputException(largestSweep(config), "the sweeps expand into " + count(cost.points)
                    + " points; at most " + limits.maxPoints() + " are allowed");
        }
        if (cost.valuesPerMarket > limits.maxValuesPerMarket()) {
            throw new InvalidInputException(memoryField(config), "each market would hold outcomes × (agents + menu entries) = "
                    + config.outcomes() + " × " + count(cost.valuesPerMarket / Math.max(1, config.outcomes())) + " = "
                    + count(cost.valuesPerMarket) + " values; at most " + limits.maxValuesPerMarket() + " are allowed");
        }
        if (cost.work > limits.maxWork()) {
            throw new InvalidInputException(workField(config, cost), "the run would take sweep points × samples × rounds × "
                    + "work per round = " + cost.points + " × " + config.samples() + " × " + config.rounds() + " × "
                    + count(cost.workPerRound) + " = " + count(cost.work) + " steps; at most " + limits.maxWork() + " are allowed");
        }
        return cost;
    }

    private static long pointsOf(SweepSpec sweep) {
        long n = 1;
        for (List<Object> values : sweep.vary().values()) {
            n = mul(n, values.size());
        }
        return n;
    }

    private static long auditedAgents(ExperimentConfig config) {
        long n = 0;
        for (GroupSpec g : config.population()) {
            if (config.audited().contains(g.name())) {
                n = add(n, g.count());
            }
        }
        return n;
    }

    private static String largestSweep(ExperimentConfig config) {
        int best = 0;
        for (int s = 1; s < config.sweeps().size(); s++) {
            if (pointsOf(config.sweeps().get(s)) > pointsOf(config.sweeps().get(best))) {
                best = s;
            }
        }
        return "sweeps[" + best + "].vary";
    }

    /** The field that most inflates a market: the menu, the largest population entry, or the outcomes. */
    private static String memoryField(ExperimentConfig config) {
        String list = config.tournament() != null ? "tournament.entrants" : "population";
        int largest = 0;
        for (int g = 1; g < config.population().size(); g++) {
            if (config.population().get(g).count() > config.population().get(largest).count()) {
                largest = g;
            }
        }
        int count = config.population().isEmpty() ? 0 : config.population().get(largest).count();
        int menu = config.menu() == null ? 0 : config.menu().size();
        if (menu > count && menu > config.outcomes()) {
            return "menu.size";
        }
        if (count > config.outcomes()) {
            return list + "[" + largest + "].count";
        }
        return "outcomes";
    }

    /** The field that most inflates the run: samples, rounds, the audit effort or the market size. */
    private static String workField(ExperimentConfig config, ExperimentCost cost) {
        long audit = mul(auditedAgents(config), add(config.auditRandom(), config.auditSearch()));
        long market = mul(cost.agents, config.outcomes());
        long largest = Math.max(Math.max(config.samples(), config.rounds()), Math.max(audit, market));
        if (largest == config.samples()) {
            return "samples";
        }
        if (largest == config.rounds()) {
            return "rounds";
        }
        return largest == audit ? "audit.search" : memoryField(config);
    }

    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than 9.2e18" : n < 10_000_000 ? Long.toString(n) : String.format(java.util.Locale.ROOT, "%.2g", (double) n);
    }

    private static long mul(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
