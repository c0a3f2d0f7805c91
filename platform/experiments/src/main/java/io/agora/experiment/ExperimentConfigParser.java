package io.agora.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.api.InvalidInputException;
import io.agora.api.Normalization;
import io.agora.experiment.json.Fields;
import io.agora.experiment.json.Json;
import io.agora.runtime.market.MissPolicy;
import io.agora.runtime.market.TypeSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment from its YAML (or JSON) form. Checks the shape and every value it can check without
 * plugins; {@link ExperimentPlan} then checks mechanism and strategy ids and parameters per sweep point.
 */
public final class ExperimentConfigParser {
    private static final Set<String> TOP = Set.of("name", "description", "mechanism", "params", "outcomes", "reference",
            "samples", "rounds", "seed", "information", "baseline", "audit", "types", "population", "menu", "sweeps", "plots", "tournament", "missPolicy");
    private static final Set<String> GROUP = Set.of("name", "count", "strategy", "params", "types");
    private static final Set<String> TYPES = Set.of("rewards", "weight");
    private static final Set<String> AUDIT = Set.of("agents", "random", "search");
    private static final Set<String> SWEEP = Set.of("name", "set", "vary");
    private static final Set<String> PLOT = Set.of("metric", "title", "logX", "bound");
    private static final Set<String> BOUND = Set.of("slope", "label");
    private static final int MAX_SAMPLES = 100_000_000;

    private ExperimentConfigParser() {
    }

    /** Parses YAML text; {@code source} names the file in errors about malformed text. */
    public static ExperimentConfig parse(String yaml, String source) {
        return parse(Json.parseYaml(yaml, source));
    }

    /** Parses a tree. */
    public static ExperimentConfig parse(JsonNode root) {
        Fields.object(root, "", TOP);
        String name = Fields.string(Fields.required(root, "", "name"), "name");
        String mechanism = Fields.string(Fields.required(root, "", "mechanism"), "mechanism");
        Map<String, Object> params = Fields.map(Fields.optional(root, "params"), "params");
        int outcomes = (int) Fields.integer(Fields.required(root, "", "outcomes"), "outcomes", 1, 10_000_000);
        double[] reference = reference(Fields.optional(root, "reference"), outcomes);
        int samples = (int) Fields.integer(Fields.required(root, "", "samples"), "samples", 1, MAX_SAMPLES);
        JsonNode roundsNode = Fields.optional(root, "rounds");
        int rounds = roundsNode == null ? 1 : (int) Fields.integer(roundsNode, "rounds", 1, 1_000_000);
        JsonNode seedNode = Fields.optional(root, "seed");
        long seed = seedNode == null ? 0 : Fields.integer(seedNode, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        boolean full = information(Fields.optional(root, "information"));
        boolean baseline = baseline(Fields.optional(root, "baseline"));
        TypeSpec defaultTypes = types(Fields.optional(root, "types"), "types", new TypeSpec(Normalization.SUM, 1, 1));
        JsonNode tournamentNode = Fields.optional(root, "tournament");
        String tournament = null;
        List<GroupSpec> population;
        if (tournamentNode != null) {
            if (Fields.optional(root, "population") != null) {
                throw new InvalidInputException("population", "give either population or tournament.entrants, not both");
            }
            Fields.object(tournamentNode, "tournament", Set.of("entrants", "reference"));
            population = population(Fields.required(tournamentNode, "tournament", "entrants"), defaultTypes, "tournament.entrants");
            if (population.stream().anyMatch(g -> g.count() != 1)) {
                throw new InvalidInputException("tournament.entrants", "each entrant is one agent; leave count out");
            }
            tournament = Fields.string(Fields.required(tournamentNode, "tournament", "reference"), "tournament.reference");
            String referenceEntrant = tournament;
            if (population.stream().noneMatch(g -> g.name().equals(referenceEntrant))) {
                throw new InvalidInputException("tournament.reference", "no entrant named '" + referenceEntrant + "'");
            }
        } else {
            population = population(Fields.required(root, "", "population"), defaultTypes, "population");
        }
        JsonNode auditNode = Fields.optional(root, "audit");
        Set<String> audited = new LinkedHashSet<>();
        int auditRandom = 20;
        int auditSearch = 100;
        if (auditNode != null) {
            Fields.object(auditNode, "audit", AUDIT);
            for (JsonNode a : Fields.array(Fields.required(auditNode, "audit", "agents"), "audit.agents")) {
                String group = Fields.string(a, "audit.agents[]");
                if (population.stream().noneMatch(g -> g.name().equals(group))) {
                    throw new InvalidInputException("audit.agents", "no population entry named '" + group + "'");
                }
                audited.add(group);
            }
            JsonNode r = Fields.optional(auditNode, "random");
            JsonNode s = Fields.optional(auditNode, "search");
            auditRandom = r == null ? auditRandom : (int) Fields.integer(r, "audit.random", 0, 100_000);
            auditSearch = s == null ? auditSearch : (int) Fields.integer(s, "audit.search", 0, 1_000_000);
        }
        JsonNode menuNode = Fields.optional(root, "menu");
        MenuSpec menu = null;
        if (menuNode != null) {
            Fields.object(menuNode, "menu", Set.of("size"));
            menu = new MenuSpec((int) Fields.integer(Fields.required(menuNode, "menu", "size"), "menu.size", 2, 10_000));
        }
        JsonNode missNode = Fields.optional(root, "missPolicy");
        MissPolicy miss = MissPolicy.TRUTHFUL;
        if (missNode != null) {
            miss = MissPolicy.byId(Fields.string(missNode, "missPolicy"));
            if (miss == null) {
                throw new InvalidInputException("missPolicy", "must be truthful, abstain or zero, got " + missNode.asText());
            }
        }
        List<SweepSpec> sweeps = sweeps(Fields.optional(root, "sweeps"));
        List<PlotSpec> plots = plots(Fields.optional(root, "plots"));
        return new ExperimentConfig(name, mechanism, params, outcomes, reference, samples, rounds, seed, full, baseline,
                audited, auditRandom, auditSearch, menu, population, sweeps, plots, miss, tournament);
    }

    private static double[] reference(JsonNode node, int outcomes) {
        if (node == null || (node.isTextual() && node.asText().equals("uniform"))) {
            return null;
        }
        double[] q = Fields.numbers(node, "reference");
        if (q.length != outcomes) {
            throw new InvalidInputException("reference", "length " + q.length + ", expected " + outcomes + " (the number of outcomes)");
        }
        for (int y = 0; y < q.length; y++) {
            if (q[y] <= 0) {
                throw new InvalidInputException("reference[" + y + "]", "must be positive, got " + q[y]);
            }
        }
        return q;
    }

    private static boolean information(JsonNode node) {
        if (node == null) {
            return false;
        }
        String v = Fields.string(node, "information");
        if (!v.equals("private") && !v.equals("full")) {
            throw new InvalidInputException("information", "must be private or full, got " + v);
        }
        return v.equals("full");
    }

    private static boolean baseline(JsonNode node) {
        if (node == null) {
            return false;
        }
        String v = Fields.string(node, "baseline");
        if (!v.equals("truthful") && !v.equals("none")) {
            throw new InvalidInputException("baseline", "must be truthful or none, got " + v);
        }
        return v.equals("truthful");
    }

    private static TypeSpec types(JsonNode node, String path, TypeSpec fallback) {
        if (node == null) {
            return fallback;
        }
        Fields.object(node, path, TYPES);
        Normalization normalization = fallback.normalization();
        JsonNode rewards = Fields.optional(node, "rewards");
        if (rewards != null) {
            Fields.object(rewards, path + ".rewards", Set.of("distribution", "normalization"));
            JsonNode dist = Fields.optional(rewards, "distribution");
            if (dist != null && !Fields.string(dist, path + ".rewards.distribution").equals("uniform")) {
                throw new InvalidInputException(path + ".rewards.distribution", "must be uniform, got " + dist.asText());
            }
            JsonNode norm = Fields.optional(rewards, "normalization");
            if (norm != null) {
                try {
                    normalization = Normalization.of(Fields.string(norm, path + ".rewards.normalization"));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(path + ".rewards.normalization", e.rule());
                }
            }
        }
        long min = fallback.minWeight();
        long max = fallback.maxWeight();
        JsonNode weight = Fields.optional(node, "weight");
        if (weight != null) {
            if (weight.isNumber()) {
                min = max = Fields.integer(weight, path + ".weight", 1, 1_000_000_000);
            } else {
                Fields.object(weight, path + ".weight", Set.of("uniform"));
                double[] range = Fields.numbers(Fields.required(weight, path + ".weight", "uniform"), path + ".weight.uniform");
                if (range.length != 2 || range[0] < 1 || range[0] > range[1] || range[0] != Math.rint(range[0]) || range[1] != Math.rint(range[1])) {
                    throw new InvalidInputException(path + ".weight.uniform", "must be [low, high], whole numbers with 1 <= low <= high");
                }
                min = (long) range[0];
                max = (long) range[1];
            }
        }
        return new TypeSpec(normalization, min, max);
    }

    private static List<GroupSpec> population(JsonNode node, TypeSpec defaults, String field) {
        List<JsonNode> items = Fields.array(node, field);
        List<GroupSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode g = Fields.object(items.get(i), path, GROUP);
            String name = Fields.string(Fields.required(g, path, "name"), path + ".name");
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new InvalidInputException(path + ".name", "must start with a letter and hold only letters, digits, '_' and '-'");
            }
            if (!names.add(name)) {
                throw new InvalidInputException(path + ".name", "duplicate population entry '" + name + "'");
            }
            JsonNode countNode = Fields.optional(g, "count");
            int count = countNode == null ? 1 : (int) Fields.integer(countNode, path + ".count", 1, 1_000_000);
            String strategy = Fields.string(Fields.required(g, path, "strategy"), path + ".strategy");
            Map<String, Object> params = Fields.map(Fields.optional(g, "params"), path + ".params");
            out.add(new GroupSpec(name, count, strategy, params, types(Fields.optional(g, "types"), path + ".types", defaults)));
        }
        return out;
    }

    private static List<SweepSpec> sweeps(JsonNode node) {
        if (node == null) {
            return List.of(new SweepSpec("default", Map.of(), new LinkedHashMap<>()));
        }
        List<SweepSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = Fields.array(node, "sweeps");
        for (int i = 0; i < items.size(); i++) {
            String path = "sweeps[" + i + "]";
            JsonNode s = Fields.object(items.get(i), path, SWEEP);
            String name = Fields.string(Fields.required(s, path, "name"), path + ".name");
            if (!names.add(name)) {
                throw new InvalidInputException(path + ".name", "duplicate sweep '" + name + "'");
            }
            Map<String, Object> set = Fields.map(Fields.optional(s, "set"), path + ".set");
            Map<String, List<Object>> vary = new LinkedHashMap<>();
            JsonNode varyNode = Fields.optional(s, "vary");
            if (varyNode != null) {
                Fields.map(varyNode, path + ".vary");
                varyNode.properties().forEach(e -> {
                    List<Object> values = new ArrayList<>();
                    for (JsonNode v : Fields.array(e.getValue(), path + ".vary." + e.getKey())) {
                        values.add(Json.toJava(v));
                    }
                    vary.put(e.getKey(), values);
                });
            }
            out.add(new SweepSpec(name, set, vary));
        }
        return out;
    }

    private static List<PlotSpec> plots(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        List<PlotSpec> out = new ArrayList<>();
        List<JsonNode> items = Fields.array(node, "plots");
        for (int i = 0; i < items.size(); i++) {
            String path = "plots[" + i + "]";
            JsonNode p = Fields.object(items.get(i), path, PLOT);
            String metric = Fields.string(Fields.required(p, path, "metric"), path + ".metric");
            JsonNode title = Fields.optional(p, "title");
            JsonNode logX = Fields.optional(p, "logX");
            if (logX != null && !logX.isBoolean()) {
                throw new InvalidInputException(path + ".logX", "must be true or false");
            }
            JsonNode bound = Fields.optional(p, "bound");
            double slope = Double.NaN;
            String label = "";
            if (bound != null) {
                Fields.object(bound, path + ".bound", BOUND);
                slope = Fields.number(Fields.required(bound, path + ".bound", "slope"), path + ".bound.slope");
                JsonNode l = Fields.optional(bound, "label");
                label = l == null ? "bound" : Fields.string(l, path + ".bound.label");
            }
            out.add(new PlotSpec(metric, title == null ? metric : Fields.string(title, path + ".title"),
                    logX != null && logX.booleanValue(), slope, label));
        }
        return out;
    }
}
