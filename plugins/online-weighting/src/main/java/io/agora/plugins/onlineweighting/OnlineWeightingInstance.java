package io.agora.plugins.onlineweighting;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismInstance;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.PreferencePair;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import io.agora.core.online.Aggregator;
import io.agora.core.online.Labelers;
import io.agora.core.online.OnlineWeights;
import io.agora.core.random.Seeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One market's online weighting. Its state is each labeler's weight, in the order labelers first reported; it
 * changes only in {@link #settle}. The market's world is seeded: round t's hidden preference for A is
 * {@code q_t ~ U(0, 1)} and its revealed outcome {@code o_t ~ Bernoulli(q_t)}, both from the market's seed, so a
 * clearing, its audit and a replay after a restart all see the same outcome. Dealt types follow the world: seat s
 * believes {@code clip(q_t + bias_s + noise_s · N(0, 1), 0, 1)} and prefers the label θ_s.
 */
final class OnlineWeightingInstance implements MechanismInstance {
    private final Settings settings;
    private final long seed;
    private final LinkedHashMap<String, Double> weights = new LinkedHashMap<>();

    OnlineWeightingInstance(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /** Round r's hidden preference for A. */
    double preference(int round) {
        return new SplittableRandom(Seeds.derive(seed, round, 0)).nextDouble();
    }

    /** Round r's revealed outcome: 1 when A was preferred. */
    double outcome(int round) {
        return new SplittableRandom(Seeds.derive(seed, round, 1)).nextDouble() < preference(round) ? 1 : 0;
    }

    @Override
    public Optional<Report> drawType(TypeDraw draw) {
        int s = draw.seat();
        double noise = settings.noise()[s % settings.noise().length];
        double bias = settings.bias()[s % settings.bias().length];
        double belief = Labelers.belief(preference(draw.round()), noise, bias, draw.random());
        return Optional.of(Report.builder(draw.agent()).number(OnlineWeightingMechanism.PROBABILITY, belief)
                .number(OnlineWeightingMechanism.PREFERRED, settings.preferredOf(s)).build());
    }

    /** A round's labelers (known ones first, then newcomers) with their weights, reports and who reported. */
    private record Layout(List<String> agents, double[] weights, double[] reports, boolean[] reported) {
        int indexOf(String agent) {
            return agents.indexOf(agent);
        }
    }

    /**
     * Known labelers keep their weights; a newcomer gets the mean weight of the known ones (1/N in the first round),
     * and then all are scaled to sum to 1. {@code present} limits who counts as having reported.
     */
    private Layout layout(List<Report> reports, Set<String> absent) {
        List<String> agents = new ArrayList<>(weights.keySet());
        for (Report r : reports) {
            if (!weights.containsKey(r.agent())) {
                agents.add(r.agent());
            }
        }
        double mean = weights.isEmpty() ? 1 : weights.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        double[] w = new double[agents.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = settings.aggregator() == Aggregator.WEIGHTED ? weights.getOrDefault(agents.get(i), mean) : 1;
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        double[] p = new double[agents.size()];
        boolean[] reported = new boolean[agents.size()];
        for (Report r : reports) {
            int i = agents.indexOf(r.agent());
            if (!absent.contains(r.agent())) {
                p[i] = r.number(OnlineWeightingMechanism.PROBABILITY);
                reported[i] = true;
            }
        }
        return new Layout(agents, w, p, reported);
    }

    private OnlineWeights rule(Layout layout) {
        OnlineWeights rule = new OnlineWeights(layout.agents().size(), settings.etaFor(layout.agents().size()), settings.loss(), settings.update());
        rule.restore(layout.weights());
        return rule;
    }

    private double aggregate(Layout layout) {
        return settings.aggregator().aggregate(rule(layout), layout.reports(), layout.reported());
    }

    @Override
    public RoundResult clear(RoundInput round) {
        if (round.outcomes().size() != 2) {
            throw new InvalidInputException("outcomes", "an online-weighting market compares two replies (A and B), so it has 2 outcomes, got "
                    + round.outcomes().size());
        }
        Layout layout = layout(round.reports(), Set.of());
        double soft = aggregate(layout);
        double outcome = outcome(round.round());
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("softLabel", soft);
        diagnostics.put("outcome", outcome);
        diagnostics.put("brier", (soft - outcome) * (soft - outcome));
        diagnostics.put("labelers", (double) layout.agents().size());
        List<Payment> payments = round.reports().stream().map(r -> new Payment(r.agent(), 0)).toList();
        return new RoundResult(Policy.ofProbabilities(new double[] {soft, 1 - soft}), payments, diagnostics, List.of());
    }

    /**
     * A labeler's value of a round: {@code δ^(t−1) · [a · w_i,t+1 − c · (P̂_t − θ_i)²]}, with its weight after the
     * round's update (1/N under the baselines, whose weights do not move) and θ_i its type's preferred label (0.5 when
     * the type has none).
     */
    @Override
    public double value(Report type, RoundInput round, RoundResult result) {
        double next;
        if (settings.aggregator() == Aggregator.WEIGHTED) {
            Updated updated = updated(round);
            int i = updated.agents().indexOf(type.agent());
            next = i < 0 ? 0 : updated.weights()[i];
        } else {
            next = 1.0 / Math.max(1, layout(round.reports(), Set.of()).agents().size());
        }
        double theta = type.has(OnlineWeightingMechanism.PREFERRED) ? type.number(OnlineWeightingMechanism.PREFERRED) : 0.5;
        double soft = result.policy().prob(0);
        double discount = Math.pow(settings.discount(), Math.max(0, round.round() - 1));
        return discount * (settings.weightValue() * next - settings.labelCost() * (soft - theta) * (soft - theta));
    }

    /** The weights after a round's update, computed once for all its seats (the host values every seat of a round). */
    private record Updated(RoundInput round, List<String> agents, double[] weights) {
    }

    private volatile Updated lastUpdated;

    private Updated updated(RoundInput round) {
        Updated cached = lastUpdated;
        if (cached != null && cached.round() == round) {
            return cached;
        }
        Layout layout = layout(round.reports(), Set.of());
        OnlineWeights rule = rule(layout);
        rule.update(layout.reports(), layout.reported(), outcome(round.round()));
        Updated fresh = new Updated(round, layout.agents(), rule.weights());
        lastUpdated = fresh;
        return fresh;
    }

    @Override
    public void settle(RoundRecord round) {
        lastUpdated = null;
        Layout layout = layout(round.input().reports(), round.missed());
        double[] next = layout.weights();
        if (settings.aggregator() == Aggregator.WEIGHTED) {
            OnlineWeights rule = rule(layout);
            rule.update(layout.reports(), layout.reported(), outcome(round.input().round()));
            next = rule.weights();
        }
        weights.clear();
        for (int i = 0; i < next.length; i++) {
            weights.put(layout.agents().get(i), next[i]);
        }
    }

    /**
     * The round's soft label {@code P̂} as two weighted pairs: A over B with weight {@code P̂}, B over A with
     * {@code 1 − P̂} (soft-label DPO reads them so), from the labelers' aggregate.
     */
    @Override
    public List<PreferencePair> preferences(RoundRecord round) {
        double soft = round.result().policy().prob(0);
        return List.of(new PreferencePair(0, 1, soft, null), new PreferencePair(1, 0, 1 - soft, null));
    }

    /** One line per labeler, in the order they first reported: {@code agent TAB weight}. */
    @Override
    public Optional<String> snapshot() {
        StringBuilder out = new StringBuilder();
        weights.forEach((agent, w) -> out.append(agent).append('\t').append(w).append('\n'));
        return Optional.of(out.toString());
    }

    @Override
    public void restore(String snapshot) {
        LinkedHashMap<String, Double> read = new LinkedHashMap<>();
        int line = 0;
        for (String row : snapshot.split("\n")) {
            line++;
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t");
            try {
                double w = Double.parseDouble(f[1]);
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weight " + w);
                }
                read.put(f[0], w);
            } catch (RuntimeException e) {
                throw new InvalidInputException("snapshot", "line " + line + " is not 'agent TAB weight': " + e.getMessage());
            }
        }
        weights.clear();
        weights.putAll(read);
        lastUpdated = null;
    }

    /** The labelers' weights, in the order they first reported (tests and diagnostics). */
    Map<String, Double> weights() {
        return new LinkedHashMap<>(weights);
    }
}
