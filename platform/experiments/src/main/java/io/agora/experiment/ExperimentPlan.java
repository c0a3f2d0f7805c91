package io.agora.experiment;

import io.agora.api.InvalidInputException;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginHost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands an experiment's sweeps into points and checks each point against the installed plugins, so
 * that a bad parameter anywhere in a sweep is reported before anything runs.
 */
public final class ExperimentPlan {
    private ExperimentPlan() {
    }

    /**
     * Every point of every sweep, in order.
     *
     * @throws InvalidInputException naming the sweep and the field for an unknown path, mechanism, strategy
     *                               or parameter
     */
    public static List<Point> points(ExperimentConfig config, PluginHost host) {
        host.mechanism(config.mechanism(), "mechanism");
        List<Point> points = new ArrayList<>();
        for (int s = 0; s < config.sweeps().size(); s++) {
            SweepSpec sweep = config.sweeps().get(s);
            String prefix = "sweeps[" + s + "]";
            Map<String, Object> params = new LinkedHashMap<>(config.params());
            List<GroupSpec> population = new ArrayList<>(config.population());
            for (Map.Entry<String, Object> e : sweep.set().entrySet()) {
                apply(e.getKey(), e.getValue(), params, population, prefix + ".set." + e.getKey());
            }
            List<Map<String, Object>> combos = product(sweep.vary());
            for (int i = 0; i < combos.size(); i++) {
                Map<String, Object> p = new LinkedHashMap<>(params);
                List<GroupSpec> pop = new ArrayList<>(population);
                for (Map.Entry<String, Object> e : combos.get(i).entrySet()) {
                    apply(e.getKey(), e.getValue(), p, pop, prefix + ".vary." + e.getKey());
                }
                Point point = new Point(sweep.name(), i, combos.get(i), p, List.copyOf(pop));
                check(config, host, point, prefix);
                points.add(point);
            }
        }
        return points;
    }

    private static void apply(String path, Object value, Map<String, Object> params, List<GroupSpec> population, String field) {
        String[] parts = path.split("\\.");
        if (parts.length == 2 && parts[0].equals("params")) {
            params.put(parts[1], value);
            return;
        }
        if (parts.length >= 3 && parts[0].equals("population")) {
            int g = indexOf(population, parts[1], field);
            GroupSpec group = population.get(g);
            if (parts.length == 3 && parts[2].equals("strategy")) {
                if (!(value instanceof String id)) {
                    throw new InvalidInputException(field, "must be a strategy id");
                }
                population.set(g, group.with(id, Map.of()));
                return;
            }
            if (parts.length == 4 && parts[2].equals("params")) {
                Map<String, Object> p = new LinkedHashMap<>(group.params());
                p.put(parts[3], value);
                population.set(g, group.with(group.strategy(), p));
                return;
            }
        }
        throw new InvalidInputException(field, "unknown path; use params.NAME, population.ENTRY.strategy or population.ENTRY.params.NAME");
    }

    private static int indexOf(List<GroupSpec> population, String name, String field) {
        for (int i = 0; i < population.size(); i++) {
            if (population.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new InvalidInputException(field, "no population entry named '" + name + "'");
    }

    private static List<Map<String, Object>> product(Map<String, List<Object>> vary) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : vary.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Object v : e.getValue()) {
                for (Map<String, Object> partial : out) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        // Order points by the first varied path fastest so each series reads left to right.
        return out;
    }

    private static void check(ExperimentConfig config, PluginHost host, Point point, String prefix) {
        try {
            GuardedMechanism.open(host.mechanism(config.mechanism(), "mechanism"), SessionPlan.paramsForCheck(config, point),
                    host.context(config.name() + "/check", config.seed()));
            for (int g = 0; g < point.population().size(); g++) {
                GroupSpec group = point.population().get(g);
                try {
                    GuardedStrategy.prepare(host.strategy(group.strategy(), "strategy"), group.params()).create(0);
                } catch (InvalidInputException e) {
                    throw e.within("population[" + g + "]");
                }
            }
        } catch (InvalidInputException e) {
            throw point.settings().isEmpty() && config.sweeps().get(0).set().isEmpty() ? e
                    : new InvalidInputException(prefix + " (" + point.settings() + ") " + e.field(), e.rule());
        }
    }
}
