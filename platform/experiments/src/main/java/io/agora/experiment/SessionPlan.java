package io.agora.experiment;

import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.api.TypeDraw;
import io.agora.core.audit.AuditConfig;
import io.agora.core.random.Seeds;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.Measure;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginHost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Everything about one sweep point that does not need actors: the seats and their strategies, how each
 * session's mechanism is opened, how types, menus and seeds are drawn, and how a cleared round becomes
 * metrics.
 *
 * <p>Types and strategy seeds depend only on the run's seed, the sample, the round and the agent, never on
 * the point, so every point sees the same draws (common random numbers) and differences between points are
 * the effect of the settings alone.
 *
 * <p>Immutable after construction: the chunk workers of a point share one plan across threads.
 */
final class SessionPlan {
    private static final long TYPES = 1;
    private static final long MENU = 2;
    private static final long STRATEGIES = 3;
    private static final long AUDIT = 4;
    private static final long MECHANISM = 5;

    private final ExperimentConfig config;
    private final PluginHost host;
    private final Point point;
    private final OutcomeSpace outcomes;
    private final Policy reference;
    private final List<String> agents = new ArrayList<>();
    private final List<Integer> groupOf = new ArrayList<>();
    private final List<GuardedStrategy.Factory> strategies = new ArrayList<>();
    /** Metric names per population entry, built once ("ENTRY.METRIC"); read-only, as chunks share the plan. */
    private final Map<String, String[]> metricNames = new LinkedHashMap<>();
    /** Opens a fresh instance per session; {@code null} in menu mode, where the menu changes every round. */
    private final GuardedMechanism.Factory mechanisms;
    /** The reports the mechanism admits, which types are drawn in. */
    private final ReportShape shape;

    SessionPlan(ExperimentConfig config, PluginHost host, Point point) {
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
                strategies.add(factory);
            }
        }
        this.mechanisms = config.menu() == null
                ? GuardedMechanism.prepare(host.mechanism(config.mechanism(), "mechanism"), point.params()) : null;
        this.shape = mechanisms != null ? mechanisms.shape()
                : GuardedMechanism.prepare(host.mechanism(config.mechanism(), "mechanism"), paramsForCheck(config, point)).shape();
        for (String metric : List.of("value", "payment", "utility", "deltaValue", "deltaPayment", "deltaUtility", "utilityVsReference")) {
            metricNames.put(metric, point.population().stream().map(g -> g.name() + "." + metric).toArray(String[]::new));
        }
    }

    /** The mechanism parameters used to check a point: in menu mode with a placeholder menu. */
    static Map<String, Object> paramsForCheck(ExperimentConfig config, Point point) {
        if (config.menu() == null) {
            return point.params();
        }
        Map<String, Object> p = new LinkedHashMap<>(point.params());
        List<List<Double>> menu = new ArrayList<>();
        for (int k = 0; k < config.menu().size(); k++) {
            menu.add(Collections.nCopies(config.outcomes(), 1.0));
        }
        p.put("menu", menu);
        return p;
    }

    ExperimentConfig config() {
        return config;
    }

    OutcomeSpace outcomes() {
        return outcomes;
    }

    Policy reference() {
        return reference;
    }

    List<String> agents() {
        return agents;
    }

    GuardedStrategy.Factory strategy(int agent) {
        return strategies.get(agent);
    }

    /** Whether each session opens one mechanism instance (false in menu mode: one per round). */
    boolean oneMechanismPerSession() {
        return mechanisms != null;
    }

    /** A fresh mechanism instance for session {@code sample}. */
    GuardedMechanism openSession(long sample) {
        return mechanisms.open(context(sample));
    }

    /** What a session's mechanism is told: an id naming the run, point and sample, and a seed of its own. */
    private MechanismContext context(long sample) {
        return host.context(config.name() + "/" + point.sweep() + "/" + point.index() + "/" + sample,
                Seeds.derive(config.seed(), MECHANISM, point.index(), sample));
    }

    /** The strategy seed of every agent in a session. */
    Map<String, Long> agentSeeds(long sample) {
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (int a = 0; a < agents.size(); a++) {
            seeds.put(agents.get(a), Seeds.derive(config.seed(), STRATEGIES, sample, a));
        }
        return seeds;
    }

    /**
     * Every agent's private type in round {@code r} of session {@code sample}, in seat order: the session's mechanism's
     * own where it deals types ({@code mechanism} may be null when a mechanism opens per round), else drawn by the
     * agent's group.
     */
    Map<String, Report> types(long sample, int r, GuardedMechanism mechanism) {
        Map<String, Report> types = new LinkedHashMap<>();
        for (int a = 0; a < agents.size(); a++) {
            GroupSpec group = point.population().get(groupOf.get(a));
            String agent = agents.get(a);
            SplittableRandom random = Seeds.random(config.seed(), TYPES, sample, r, a);
            Optional<Report> dealt = mechanism == null ? Optional.empty() : mechanism.drawType(new TypeDraw(agent, a, r, outcomes, random));
            types.put(agent, dealt.orElseGet(() -> group.types().draw(agent, shape, outcomes, random)));
        }
        return types;
    }

    /** What the market measures in round {@code r} of session {@code sample}: the baseline and the audits. */
    Measure measure(long sample, int r) {
        List<Measure.AuditRequest> audits = new ArrayList<>();
        for (String group : config.audited()) {
            List<String> seats = new ArrayList<>();
            for (int a = 0; a < agents.size(); a++) {
                if (point.population().get(groupOf.get(a)).name().equals(group)) {
                    seats.add(agents.get(a));
                }
            }
            AuditConfig effort = AuditConfig.defaults().withEffort(config.auditRandom(), config.auditSearch())
                    .withSeed(Seeds.derive(config.seed(), AUDIT, sample, r));
            audits.add(new Measure.AuditRequest(group + ".auditGain", seats, effort));
        }
        return new Measure(config.baseline(), audits);
    }

    /**
     * A mechanism instance whose menu is built from this round's types [RECON]: reward soups
     * {@code θ_c ∝ q·exp(Σ_i c_i·W·rm_i/λ)} with W the total group size and c on the simplex (an even grid
     * for two agents; the vertices and seeded Dirichlet(1) points otherwise).
     */
    GuardedMechanism openWithMenu(Map<String, Report> typesBySeat, long sample, int r) {
        Report[] types = typesBySeat.values().toArray(new Report[0]);
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
            menu.add(Arrays.stream(Policy.ofLogWeights(logits).probabilities()).boxed().toList());
        }
        Map<String, Object> params = new LinkedHashMap<>(point.params());
        params.put("menu", menu);
        return GuardedMechanism.open(host.mechanism(config.mechanism(), "mechanism"), params, context(sample));
    }

    /** Adds a cleared round's metrics to {@code stats}: per population entry, and round-wide. */
    void observe(Market.RoundCleared cleared, Stats stats) {
        double[] values = cleared.values();
        double[] payments = cleared.payments();
        perGroup(stats, "value", values);
        perGroup(stats, "payment", payments);
        double[] utilities = difference(values, payments);
        perGroup(stats, "utility", utilities);
        stats.add("welfare", sum(values));
        if (config.tournament() != null) {
            double reference = utilities[agents.indexOf(config.tournament())];
            double[] gap = new double[utilities.length];
            for (int a = 0; a < gap.length; a++) {
                gap[a] = utilities[a] - reference;
            }
            perGroup(stats, "utilityVsReference", gap);
        }
        if (cleared.baseValues() != null) {
            double[] baseValues = cleared.baseValues();
            double[] basePayments = cleared.basePayments();
            perGroup(stats, "deltaValue", difference(values, baseValues));
            perGroup(stats, "deltaPayment", difference(payments, basePayments));
            perGroup(stats, "deltaUtility", difference(difference(values, payments), difference(baseValues, basePayments)));
            stats.add("deltaWelfare", sum(values) - sum(baseValues));
        }
        cleared.audits().forEach((label, f) -> {
            stats.add(label, f.gain());
            stats.finding(label, new Stats.Finding(f.seat(), f.gain(), f.family(), io.agora.wire.ReportJson.write(f.misreport(), false).toString(),
                    io.agora.wire.ReportJson.write(f.truth(), false).toString()));
        });
        cleared.missed().forEach(seat -> stats.fault("round " + cleared.round() + ": seat " + seat + " missed the deadline"));
        cleared.faults().forEach((seat, reason) -> stats.fault("round " + cleared.round() + ": seat " + seat + ": " + reason));
    }

    private void perGroup(Stats stats, String metric, double[] perAgent) {
        double[] sums = new double[point.population().size()];
        for (int a = 0; a < perAgent.length; a++) {
            sums[groupOf.get(a)] += perAgent[a];
        }
        String[] names = metricNames.get(metric);
        for (int g = 0; g < sums.length; g++) {
            stats.add(names[g], sums[g] / point.population().get(g).count());
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
