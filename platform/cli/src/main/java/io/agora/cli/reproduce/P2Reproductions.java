package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.core.online.Aggregator;
import io.agora.core.online.Labelers;
import io.agora.core.online.OnlineWeights;
import io.agora.core.random.Seeds;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * P2's reproductions, by direct simulation of the rule (no market: a run is millions of slots). Eight labelers of
 * the {@link Labelers#standard standard} population report their beliefs; the platform aggregates them by the
 * online weights (Brier loss, the linear update, {@code η = √(ln N / T)}), by their average or by their median.
 * {@code regret_T = Σ_t (P̂_t − o_t)² − min_i Σ_t (b_it − o_t)²}.
 */
final class P2Reproductions {
    private static final int LABELERS = 8;
    private static final int[] HORIZONS = {250, 500, 1000, 2000, 4000, 8000, 16000};
    private static final String[] AGGREGATORS = {"weighted", "average", "median"};

    private P2Reproductions() {
    }

    /** Regret against T for each aggregator, over {@code seeds} seeds, with the log–log slope fitted. */
    static void regret(long seed, int seeds, Output out, PrintStream log) throws IOException {
        Labelers labelers = Labelers.standard(LABELERS);
        double[][] mean = new double[AGGREGATORS.length][HORIZONS.length];
        double[] concentration = new double[HORIZONS.length];
        for (int h = 0; h < HORIZONS.length; h++) {
            int t = HORIZONS[h];
            for (int a = 0; a < AGGREGATORS.length; a++) {
                double[] regrets = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    Run run = run(labelers, Aggregator.of(AGGREGATORS[a]), t, new SplittableRandom(Seeds.derive(seed, s, t)));
                    regrets[s] = run.regret();
                    if (a == 0) {
                        concentration[h] += run.weights()[0] / seeds;
                    }
                }
                double m = Arrays.stream(regrets).average().orElseThrow();
                mean[a][h] = m;
                double sd = Math.sqrt(Arrays.stream(regrets).map(r -> (r - m) * (r - m)).sum() / Math.max(1, seeds - 1));
                out.row("aggregator", AGGREGATORS[a], "T", t, "meanRegret", mean[a][h], "sdRegret", sd,
                        "weightOfMostAccurate", a == 0 ? concentration[h] : "");
            }
        }
        double[] x = Arrays.stream(HORIZONS).mapToDouble(t -> t).toArray();
        ObjectNode summary = out.summary().put("labelers", LABELERS).put("seeds", seeds);
        ObjectNode slopes = summary.putObject("logLogSlope");
        for (int a = 0; a < AGGREGATORS.length; a++) {
            slopes.put(AGGREGATORS[a], slope(x, mean[a]));
        }
        ArrayNode table = summary.putArray("meanRegret");
        for (int h = 0; h < HORIZONS.length; h++) {
            table.addObject().put("T", HORIZONS[h]).put("weighted", mean[0][h]).put("average", mean[1][h]).put("median", mean[2][h])
                    .put("weightOfMostAccurate", concentration[h]);
        }
        out.plotScaled("regret", "Regret against the best labeler (" + seeds + " seeds)", "T (slots)", "mean regret", true, true,
                "online weights", x, mean[0], "average", x, mean[1], "median", x, mean[2]);
        out.plotScaled("concentration", "Weight of the most accurate labeler at the end", "T (slots)", "weight", true, false,
                "online weights", x, concentration);
        log.printf("p2-regret: log-log slope of mean regret over T = %d..%d: online weights %.2f, average %.2f, median %.2f; "
                        + "the most accurate labeler ends with weight %.2f%n", HORIZONS[0], HORIZONS[HORIZONS.length - 1],
                slopes.get("weighted").asDouble(), slopes.get("average").asDouble(), slopes.get("median").asDouble(),
                concentration[HORIZONS.length - 1]);
    }

    /** One run of T slots, everyone truthful: the regret and the final weights (weighted aggregation only). */
    record Run(double regret, double[] weights) {
    }

    static Run run(Labelers labelers, Aggregator aggregator, int slots, SplittableRandom random) {
        int n = labelers.size();
        OnlineWeights weights = new OnlineWeights(n, OnlineWeights.defaultEta(n, slots), OnlineWeights.Loss.BRIER, OnlineWeights.Update.LINEAR);
        boolean[] all = OnlineWeights.all(n);
        double platform = 0;
        double[] own = new double[n];
        for (int t = 0; t < slots; t++) {
            Labelers.Slot slot = labelers.slot(random);
            double[] p = slot.beliefs();
            double aggregate = aggregator.aggregate(weights, p, all);
            platform += (aggregate - slot.outcome()) * (aggregate - slot.outcome());
            for (int i = 0; i < n; i++) {
                own[i] += (p[i] - slot.outcome()) * (p[i] - slot.outcome());
            }
            weights.update(p, all, slot.outcome());
        }
        return new Run(platform - Arrays.stream(own).min().orElseThrow(), weights.weights());
    }

    /** Least-squares slope of log y against log x (points with y ≤ 0 are left out). */
    static double slope(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] > 0) {
                double lx = Math.log(x[i]);
                double ly = Math.log(y[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                n++;
            }
        }
        return n < 2 ? Double.NaN : (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
