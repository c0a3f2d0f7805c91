package io.agora.runtime.experiment;

import io.agora.api.FullInformation;
import io.agora.api.InvalidInputException;
import io.agora.api.OutcomeSpace;
import io.agora.api.PastRound;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportSpace;
import io.agora.api.RoundContext;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.audit.AgentAudit;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.IncentiveAudit;
import io.agora.core.random.Seeds;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.plugins.PluginHost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Plays the markets of one sweep point: each sample is a fresh market (a new mechanism instance and new
 * strategy instances) with the point's hosted population, run for the configured rounds. In menu mode the
 * menu is built from each round's types, so each round opens its own instance. Types and strategy seeds depend only on the run's seed,
 * the sample, the round and the agent, never on the point, so every point sees the same draws (common
 * random numbers) and differences between points are the effect of the settings alone.
 *
 * <p>Not thread-safe: each worker owns one simulator.
 */
final class SampleSimulator {
    private static final long TYPES = 1;
    private static final long MENU = 2;
    private static final long STRATEGIES = 3;
    private static final long AUDIT = 4;

    private final ExperimentConfig config;
    private final PluginHost host;
    private final Point point;
    private final OutcomeSpace outcomes;
    private final Policy reference;
    private final List<String> agents = new ArrayList<>();
    private final List<Integer> groupOf = new ArrayList<>();
    private final List<GuardedStrategy.Factory> factories = new ArrayList<>();
    /** Opens a fresh instance per market; {@code null} in menu mode, where the menu changes every round. */
    private final GuardedMechanism.Factory mechanisms;

    SampleSimulator(ExperimentConfig config, PluginHost host, Point point) {
        this.config = config;
        this.host = host;
        this.point = point;
        this.outcomes = OutcomeSpace.of(config.outcomes());
        this.reference = config.reference() == null ? Policy.uniform(config.outcomes()) : Policy.ofProbabilities(config.reference());
        for (int g = 0; g < point.population().size(); g++) {
            GroupSpec group = point.population().get(g);
            GuardedStrategy.Factory factory = GuardedStrategy.prepare(host.strategy(group.strategy(), "strategy"), group.params());
            for (String agent : group.agents()) {
                agents.add(agent);
                groupOf.add(g);
                factories.add(factory);
            }
        }
        this.mechanisms = config.menu() == null
                ? GuardedMechanism.prepare(host.mechanism(config.mechanism(), "mechanism"), point.params()) : null;
    }

    /** The mechanism parameters used to check a point: in menu mode with a placeholder menu. */
    static Map<String, Object> paramsForCheck(ExperimentConfig config, Point point) {
        if (config.menu() == null) {
            return point.params();
        }
        Map<String, Object> p = new LinkedHashMap<>(point.params());
        List<List<Double>> menu = new ArrayList<>();
        for (int k = 0; k < config.menu().size(); k++) {
            menu.add(java.util.Collections.nCopies(config.outcomes(), 1.0));
        }
        p.put("menu", menu);
        return p;
    }

    private GuardedMechanism open(Map<String, Object> params) {
        return GuardedMechanism.open(host.mechanism(config.mechanism(), "mechanism"), params);
    }

    /** Plays sample {@code sample} and adds its observations to {@code stats}. */
    void simulate(long sample, Stats stats) {
        int n = agents.size();
        GuardedMechanism market;
        try {
            market = mechanisms == null ? null : mechanisms.open();
        } catch (PluginFailureException | InvalidInputException e) {
            for (int r = 0; r < config.rounds(); r++) {
                stats.fail("round " + r + " of sample " + sample + ": " + e.getMessage());
            }
            return;
        }
        GuardedStrategy[] strategies = new GuardedStrategy[n];
        List<List<PastRound>> history = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            history.add(new ArrayList<>());
        }
        for (int r = 0; r < config.rounds(); r++) {
            try {
                for (int a = 0; a < n; a++) {
                    if (strategies[a] == null) {
                        strategies[a] = factories.get(a).create(Seeds.derive(config.seed(), STRATEGIES, sample, a));
                    }
                }
                playRound(market, sample, r, strategies, history, stats);
            } catch (PluginFailureException | InvalidInputException e) {
                stats.fail("round " + r + " of sample " + sample + ": " + e.getMessage());
            }
        }
    }

    private void playRound(GuardedMechanism market, long sample, int r, GuardedStrategy[] strategies,
                           List<List<PastRound>> history, Stats stats) {
        int n = agents.size();
        Report[] types = new Report[n];
        for (int a = 0; a < n; a++) {
            GroupSpec group = point.population().get(groupOf.get(a));
            types[a] = group.types().draw(agents.get(a), outcomes.size(), Seeds.random(config.seed(), TYPES, sample, r, a));
        }
        GuardedMechanism mechanism = market != null ? market : open(withMenu(types, sample, r));
        ReportSpace space = mechanism.reportSpace(outcomes);
        Report[] reports = reports(mechanism, space, r, types, strategies, history);
        RoundInput round = new RoundInput(r, outcomes, reference, Arrays.asList(reports));
        RoundResult result = mechanism.clear(round);
        double[] values = values(mechanism, round, result, types);
        double[] payments = payments(result);
        Map<String, Double> observed = new LinkedHashMap<>();
        perGroup(observed, "value", values);
        perGroup(observed, "payment", payments);
        perGroup(observed, "utility", difference(values, payments));
        observed.put("welfare", sum(values));
        if (config.baseline()) {
            RoundInput truthful = new RoundInput(r, outcomes, reference, Arrays.asList(types));
            RoundResult base = mechanism.clear(truthful);
            double[] baseValues = values(mechanism, truthful, base, types);
            double[] basePayments = payments(base);
            perGroup(observed, "deltaValue", difference(values, baseValues));
            perGroup(observed, "deltaPayment", difference(payments, basePayments));
            perGroup(observed, "deltaUtility", difference(difference(values, payments), difference(baseValues, basePayments)));
            observed.put("deltaWelfare", sum(values) - sum(baseValues));
        }
        audit(mechanism, round, types, sample, r, observed);
        for (int a = 0; a < n && config.rounds() > 1; a++) {
            history.get(a).add(new PastRound(r, types[a], reports[a], result.policy(), payments[a], values[a] - payments[a]));
        }
        mechanism.settle(round, result);
        observed.forEach(stats::add);
    }

    private Report[] reports(GuardedMechanism mechanism, ReportSpace space, int r, Report[] types,
                             GuardedStrategy[] strategies, List<List<PastRound>> history) {
        int n = agents.size();
        Report[] reports = new Report[n];
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < n; a++) {
                if (strategies[a].usesOthersReports() != (pass == 1)) {
                    continue;
                }
                Optional<FullInformation> info = config.fullInformation() && pass == 1
                        ? Optional.of(fullInformation(mechanism, r, a, reports, types)) : Optional.empty();
                RoundContext context = new RoundContext(config.mechanism(), r, outcomes, reference, space, history.get(a), info);
                Report report = strategies[a].report(types[a], context);
                try {
                    mechanism.validate(report, outcomes);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("agent " + agents.get(a) + " (strategy " + strategies[a].strategyId() + ") reported " + e.field(), e.rule());
                }
                reports[a] = report;
            }
        }
        return reports;
    }

    /** What an agent sees under full information: the others' reports so far (the truth for those still to report). */
    private FullInformation fullInformation(GuardedMechanism mechanism, int r, int agent, Report[] reports, Report[] types) {
        List<Report> profile = new ArrayList<>();
        for (int b = 0; b < reports.length; b++) {
            profile.add(b == agent ? types[agent] : (reports[b] != null ? reports[b] : types[b]));
        }
        RoundInput base = new RoundInput(r, outcomes, reference, profile);
        List<Report> others = new ArrayList<>(profile);
        others.remove(agent);
        return new FullInformation() {
            @Override
            public List<Report> othersReports() {
                return List.copyOf(others);
            }

            @Override
            public double utilityOf(Report candidate) {
                mechanism.validate(candidate, outcomes);
                RoundInput round = base.withReport(agent, candidate);
                RoundResult result = mechanism.clear(round);
                return mechanism.value(types[agent], round, result) - result.paymentOf(types[agent].agent());
            }
        };
    }

    private void audit(GuardedMechanism mechanism, RoundInput round, Report[] types, long sample, int r, Map<String, Double> observed) {
        for (String group : config.audited()) {
            List<Report> audited = new ArrayList<>();
            for (int a = 0; a < agents.size(); a++) {
                if (point.population().get(groupOf.get(a)).name().equals(group)) {
                    audited.add(types[a]);
                }
            }
            AuditConfig effort = AuditConfig.defaults().withEffort(config.auditRandom(), config.auditSearch())
                    .withSeed(Seeds.derive(config.seed(), AUDIT, sample, r));
            double gain = new IncentiveAudit(mechanism, effort).audit(round, audited).agents().stream()
                    .mapToDouble(AgentAudit::maxGain).max().orElse(0);
            observed.put(group + ".auditGain", gain);
        }
    }

    private Map<String, Object> withMenu(Report[] types, long sample, int r) {
        double lambda = point.params().get("lambda") instanceof Number l ? l.doubleValue() : 1.0;
        int n = types.length;
        int m = outcomes.size();
        double total = 0;
        for (Report t : types) {
            total += t.weight();
        }
        SplittableRandom random = Seeds.random(config.seed(), MENU, sample, r);
        List<List<Double>> menu = new ArrayList<>();
        for (int k = 0; k < config.menu().size(); k++) {
            double[] c = new double[n];
            if (n == 2) {
                double t = k / (double) (config.menu().size() - 1);
                c[0] = t;
                c[1] = 1 - t;
            } else if (k < n) {
                c[k] = 1;
            } else {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    c[i] = -Math.log(1 - random.nextDouble());
                    s += c[i];
                }
                for (int i = 0; i < n; i++) {
                    c[i] /= s;
                }
            }
            double[] logits = new double[m];
            for (int y = 0; y < m; y++) {
                logits[y] = reference.logProb(y);
                for (int i = 0; i < n; i++) {
                    logits[y] += c[i] * total * types[i].reward(y) / lambda;
                }
            }
            double[] p = Policy.ofLogWeights(logits).probabilities();
            menu.add(Arrays.stream(p).boxed().toList());
        }
        Map<String, Object> params = new LinkedHashMap<>(point.params());
        params.put("menu", menu);
        return params;
    }

    /** Each agent's value of {@code result} under its true type. */
    private static double[] values(GuardedMechanism mechanism, RoundInput round, RoundResult result, Report[] types) {
        double[] v = new double[types.length];
        for (int a = 0; a < v.length; a++) {
            v[a] = mechanism.value(types[a], round, result);
        }
        return v;
    }

    /** Each agent's payment in {@code result}, in agent order. */
    private double[] payments(RoundResult result) {
        double[] p = new double[agents.size()];
        for (int a = 0; a < p.length; a++) {
            p[a] = result.paymentOf(agents.get(a));
        }
        return p;
    }

    private void perGroup(Map<String, Double> observed, String metric, double[] perAgent) {
        double[] sums = new double[point.population().size()];
        for (int a = 0; a < perAgent.length; a++) {
            sums[groupOf.get(a)] += perAgent[a];
        }
        for (int g = 0; g < sums.length; g++) {
            GroupSpec group = point.population().get(g);
            observed.put(group.name() + "." + metric, sums[g] / group.count());
        }
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
