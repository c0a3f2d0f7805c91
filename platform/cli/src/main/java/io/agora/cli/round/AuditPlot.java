package io.agora.cli.round;

import io.agora.core.audit.AgentAudit;
import io.agora.core.audit.AuditResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws an audit as a bar chart: for each audited agent, the best gain within each misreport family
 * (bars above zero are profitable misreports).
 */
public final class AuditPlot {
    private AuditPlot() {
    }

    /** Writes the chart as a PNG to {@code file}. */
    public static void write(String mechanism, AuditResult audit, Path file) throws IOException {
        Set<String> families = new LinkedHashSet<>();
        audit.agents().forEach(a -> families.addAll(a.gainByFamily().keySet()));
        List<String> agents = audit.agents().stream().map(AgentAudit::agent).toList();
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Incentive audit of " + mechanism + ": best gain from misreporting, by family")
                .xAxisTitle("agent").yAxisTitle("utility gain over truth").build();
        chart.getStyler().setLegendVisible(true);
        for (String family : families) {
            List<Double> gains = new ArrayList<>();
            for (AgentAudit a : audit.agents()) {
                gains.add(a.gainByFamily().getOrDefault(family, 0.0));
            }
            chart.addSeries(family, agents, gains);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
