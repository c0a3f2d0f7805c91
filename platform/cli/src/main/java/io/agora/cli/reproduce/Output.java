package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.experiment.json.Json;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reproduction writes into its folder: {@code summary.json} (the numbers its README reads), {@code metrics.csv}
 * (one row per measurement, columns in the order first given) and {@code plots/NAME.png}.
 */
public final class Output {
    private final Path folder;
    private final ObjectNode summary = Json.mapper().createObjectNode();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Output(Path folder, String reproduction, long seed) {
        this.folder = folder;
        summary.put("reproduction", reproduction).put("seed", seed);
    }

    public ObjectNode summary() {
        return summary;
    }

    /** One row of {@code metrics.csv}: column, value, column, value, ... */
    public void row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        rows.add(row);
    }

    /** A line chart, series given as name, x values, y values, ... */
    public void plot(String name, String title, String xTitle, String yTitle, boolean logX, Object... series) throws IOException {
        plotScaled(name, title, xTitle, yTitle, logX, false, series);
    }

    /** A line chart with either axis logarithmic. */
    public void plotScaled(String name, String title, String xTitle, String yTitle, boolean logX, boolean logY, Object... series) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setAntiAlias(true);
        for (int i = 0; i < series.length; i += 3) {
            chart.addSeries((String) series[i], (double[]) series[i + 1], (double[]) series[i + 2]);
        }
        Path plots = Files.createDirectories(folder.resolve("plots"));
        BitmapEncoder.saveBitmap(chart, plots.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Writes preference pairs as JSON lines in the format DPO trainers read (TRL's {@code prompt}, {@code chosen},
     * {@code rejected}, with the pair's {@code weight}), the same columns a market's dataset has.
     */
    public void dataset(String file, List<io.agora.core.train.Ranking> pairs) throws IOException {
        Files.createDirectories(folder);
        StringBuilder out = new StringBuilder();
        for (io.agora.core.train.Ranking p : pairs) {
            if (p.replies().size() != 2) {
                throw new IllegalArgumentException("a dataset row is a pair, got a ranking of " + p.replies().size());
            }
            Map<String, Object> row = new LinkedHashMap<>(); // in this order, so that files repeat byte for byte
            row.put("prompt", p.prompt());
            row.put("chosen", p.replies().get(0));
            row.put("rejected", p.replies().get(1));
            row.put("weight", p.weight());
            out.append(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(row)).append('\n');
        }
        Files.writeString(folder.resolve(file), out.toString(), StandardCharsets.UTF_8);
    }

    /** Writes the summary and the table. */
    public void finish() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("summary.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n",
                StandardCharsets.UTF_8);
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                cells.add(v == null ? "" : v.toString());
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(folder.resolve("metrics.csv"), csv.toString(), StandardCharsets.UTF_8);
    }
}
