package io.agora.experiment;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws each plotted metric against each sweep's first varied path, one series per combination of the
 * sweep's other varied paths, with 95% intervals as error bars.
 */
final class ExperimentPlots {
    private ExperimentPlots() {
    }

    static List<Path> write(ExperimentResult result, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        if (result.config().plots().isEmpty()) {
            return written;
        }
        Files.createDirectories(folder);
        for (SweepSpec sweep : result.config().sweeps()) {
            if (sweep.vary().isEmpty()) {
                continue;
            }
            String xPath = sweep.vary().keySet().iterator().next();
            for (PlotSpec plot : result.config().plots()) {
                XYChart chart = chart(result, sweep, xPath, plot);
                if (chart == null) {
                    continue;
                }
                Path file = folder.resolve(sweep.name() + "-" + plot.metric().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
                written.add(file);
            }
        }
        return written;
    }

    private static XYChart chart(ExperimentResult result, SweepSpec sweep, String xPath, PlotSpec plot) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (int i = 0; i < result.points().size(); i++) {
            Point p = result.points().get(i);
            Stats.Summary s = result.stats().get(i).summaries().get(plot.metric());
            if (!p.sweep().equals(sweep.name()) || s == null || !(p.settings().get(xPath) instanceof Number x)) {
                continue;
            }
            List<String> rest = new ArrayList<>();
            p.settings().forEach((k, v) -> {
                if (!k.equals(xPath)) {
                    rest.add(shortName(k) + "=" + v);
                }
            });
            String name = rest.isEmpty() ? plot.metric() : String.join(", ", rest);
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x.doubleValue(), s.mean(), 1.96 * s.stderr()});
        }
        if (series.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(800).height(520).title(plot.title() + " (" + sweep.name() + ")")
                .xAxisTitle(shortName(xPath)).yAxisTitle(plot.metric()).build();
        chart.getStyler().setXAxisLogarithmic(plot.logX());
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setAntiAlias(true);
        double maxX = 0;
        double minX = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] xs = pts.stream().mapToDouble(v -> v[0]).toArray();
            double[] ys = pts.stream().mapToDouble(v -> v[1]).toArray();
            double[] err = pts.stream().mapToDouble(v -> v[2]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys, err);
            s.setMarker(SeriesMarkers.CIRCLE);
            maxX = Math.max(maxX, xs[xs.length - 1]);
            minX = Math.min(minX, xs[0]);
        }
        if (!Double.isNaN(plot.boundSlope())) {
            double[] xs = {minX, maxX};
            XYSeries bound = chart.addSeries(plot.boundLabel(), xs, new double[] {plot.boundSlope() * minX, plot.boundSlope() * maxX});
            bound.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static String shortName(String path) {
        String[] parts = path.split("\\.");
        return parts.length >= 2 && parts[parts.length - 2].equals("params")
                ? (parts.length == 4 ? parts[1] + "." : "") + parts[parts.length - 1] : path;
    }
}
