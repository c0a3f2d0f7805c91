package io.agora.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.experiment.json.Json;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The leaderboard of a tournament: at every sweep point, the entrants ranked by mean realized utility per
 * round with a 95% interval, and each entrant's mean gap to the reference entrant (paired by round, so the
 * luck of the draws cancels) with its own interval.
 */
final class Leaderboard {
    private Leaderboard() {
    }

    /**
     * One entrant's standing.
     *
     * @param rank        1 for the highest mean utility
     * @param entrant     the entrant's name
     * @param strategy    its strategy id
     * @param meanUtility mean utility per round
     * @param ci95        half-width of the 95% interval of the mean
     * @param gap         mean utility minus the reference entrant's, per round
     * @param gapCi95     half-width of the gap's 95% interval
     * @param rounds      rounds played
     */
    record Row(int rank, String entrant, String strategy, double meanUtility, double ci95, double gap, double gapCi95, long rounds) {
    }

    static List<Row> rows(Point point, Stats stats) {
        List<Row> rows = new ArrayList<>();
        for (GroupSpec g : point.population()) {
            Stats.Summary u = stats.summaries().get(g.name() + ".utility");
            Stats.Summary gap = stats.summaries().get(g.name() + ".utilityVsReference");
            if (u == null || gap == null) {
                continue;
            }
            rows.add(new Row(0, g.name(), g.strategy(), u.mean(), 1.96 * u.stderr(), gap.mean(), 1.96 * gap.stderr(), u.count()));
        }
        rows.sort(Comparator.comparingDouble(Row::meanUtility).reversed().thenComparing(Row::entrant));
        List<Row> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ranked.add(new Row(i + 1, r.entrant(), r.strategy(), r.meanUtility(), r.ci95(), r.gap(), r.gapCi95(), r.rounds()));
        }
        return ranked;
    }

    /** Writes {@code leaderboard.csv}, {@code leaderboard.json} and one chart per point; returns the files. */
    static List<Path> write(ExperimentResult result, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("sweep,point,settings,rank,entrant,strategy,meanUtility,ci95,vsReference,vsReferenceCi95,rounds\n");
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("reference", result.config().tournament());
        ArrayNode points = json.putArray("points");
        List<Path> written = new ArrayList<>();
        Files.createDirectories(out.resolve("plots"));
        for (int i = 0; i < result.points().size(); i++) {
            Point p = result.points().get(i);
            List<Row> rows = rows(p, result.stats().get(i));
            ObjectNode node = points.addObject();
            node.put("sweep", p.sweep());
            node.put("index", p.index());
            node.set("settings", Json.mapper().valueToTree(p.settings()));
            ArrayNode entries = node.putArray("leaderboard");
            for (Row r : rows) {
                csv.append(p.sweep()).append(',').append(p.index()).append(',').append(ExperimentWriter.settings(p.settings())).append(',')
                        .append(r.rank()).append(',').append(r.entrant()).append(',').append(r.strategy()).append(',')
                        .append(r.meanUtility()).append(',').append(r.ci95()).append(',').append(r.gap()).append(',')
                        .append(r.gapCi95()).append(',').append(r.rounds()).append('\n');
                entries.add(Json.mapper().valueToTree(r));
            }
            written.add(chart(p, rows, result.config().tournament(), out.resolve("plots")));
        }
        Path csvFile = out.resolve("leaderboard.csv");
        Files.writeString(csvFile, csv.toString(), StandardCharsets.UTF_8);
        Path jsonFile = out.resolve("leaderboard.json");
        Files.writeString(jsonFile, Json.write(json) + "\n", StandardCharsets.UTF_8);
        written.add(0, jsonFile);
        written.add(0, csvFile);
        return written;
    }

    private static Path chart(Point p, List<Row> rows, String reference, Path folder) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Leaderboard (" + p.sweep() + " " + p.settings() + ")")
                .xAxisTitle("entrant").yAxisTitle("mean utility per round (95% CI)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.addSeries("mean utility", rows.stream().map(Row::entrant).toList(),
                rows.stream().map(Row::meanUtility).toList(), rows.stream().map(Row::ci95).toList());
        Path file = folder.resolve("leaderboard-" + p.sweep() + "-" + p.index() + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
