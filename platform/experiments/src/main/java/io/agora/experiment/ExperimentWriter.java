package io.agora.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.experiment.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's results: {@code summary.json} (every point's settings and metric statistics),
 * {@code metrics.csv} (the same in long form), one PNG per plotted curve and sweep under {@code plots/}, and
 * for tournaments the leaderboard ({@code leaderboard.csv}, {@code leaderboard.json} and a chart per point).
 * Nothing time- or machine-dependent is written, so the same config and seed give the same files.
 */
public final class ExperimentWriter {
    private ExperimentWriter() {
    }

    /** Writes every output under {@code out} and returns the files written. */
    public static List<Path> write(ExperimentResult result, Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        Path summary = out.resolve("summary.json");
        Files.writeString(summary, Json.write(summary(result)) + "\n", StandardCharsets.UTF_8);
        written.add(summary);
        Path csv = out.resolve("metrics.csv");
        Files.writeString(csv, csv(result), StandardCharsets.UTF_8);
        written.add(csv);
        written.addAll(ExperimentPlots.write(result, out.resolve("plots")));
        if (result.config().tournament() != null) {
            written.addAll(Leaderboard.write(result, out));
        }
        return written;
    }

    static ObjectNode summary(ExperimentResult result) {
        ExperimentConfig c = result.config();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("name", c.name());
        root.put("mechanism", c.mechanism());
        root.put("seed", c.seed());
        root.put("samples", c.samples());
        root.put("rounds", c.rounds());
        root.put("outcomes", c.outcomes());
        root.set("params", Json.mapper().valueToTree(c.params()));
        ArrayNode points = root.putArray("points");
        long failed = 0;
        for (int i = 0; i < result.points().size(); i++) {
            Point p = result.points().get(i);
            Stats stats = result.stats().get(i);
            failed += stats.failedRounds();
            ObjectNode node = points.addObject();
            node.put("sweep", p.sweep());
            node.put("index", p.index());
            node.set("settings", Json.mapper().valueToTree(p.settings()));
            ObjectNode metrics = node.putObject("metrics");
            stats.summaries().forEach((name, s) -> {
                ObjectNode m = metrics.putObject(name);
                m.put("mean", s.mean());
                m.put("std", s.std());
                m.put("stderr", s.stderr());
                m.put("min", s.min());
                m.put("max", s.max());
                m.put("count", s.count());
            });
            if (!stats.findings().isEmpty()) {
                // Per audited group, the best misreport any round's audit found: what a strategic agent could do.
                ObjectNode audits = node.putObject("audits");
                stats.findings().forEach((label, f) -> {
                    ObjectNode a = audits.putObject(label.replaceAll("\\.auditGain$", ""));
                    a.put("seat", f.seat());
                    a.put("gain", f.gain());
                    a.put("family", f.family());
                    a.set("misreport", read(f.misreport()));
                    a.set("truth", read(f.truth()));
                });
            }
            node.put("failedRounds", stats.failedRounds());
            if (!stats.errors().isEmpty()) {
                ArrayNode errors = node.putArray("errors");
                stats.errors().forEach(errors::add);
            }
            node.put("faults", stats.faults());
            if (!stats.faultReasons().isEmpty()) {
                ArrayNode faults = node.putArray("faultReasons");
                stats.faultReasons().forEach(faults::add);
            }
        }
        root.put("failedRounds", failed);
        return root;
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csv(ExperimentResult result) {
        StringBuilder sb = new StringBuilder("sweep,point,settings,metric,count,mean,std,stderr,min,max\n");
        for (int i = 0; i < result.points().size(); i++) {
            Point p = result.points().get(i);
            String settings = settings(p.settings());
            for (Map.Entry<String, Stats.Summary> e : result.stats().get(i).summaries().entrySet()) {
                Stats.Summary s = e.getValue();
                sb.append(p.sweep()).append(',').append(p.index()).append(',').append(settings).append(',')
                        .append(e.getKey()).append(',').append(s.count()).append(',').append(s.mean()).append(',')
                        .append(s.std()).append(',').append(s.stderr()).append(',').append(s.min()).append(',')
                        .append(s.max()).append('\n');
            }
        }
        return sb.toString();
    }

    static String settings(Map<String, Object> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + v));
        String joined = String.join(";", parts);
        return joined.contains(",") ? "\"" + joined.replace("\"", "\"\"") + "\"" : joined;
    }
}
