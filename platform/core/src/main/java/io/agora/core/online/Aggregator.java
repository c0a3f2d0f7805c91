package io.agora.core.online;

import io.agora.api.InvalidInputException;

import java.util.Arrays;

/** How labelers' reports become one soft label: by online weights, or by the baselines average and median. */
public enum Aggregator {
    WEIGHTED, AVERAGE, MEDIAN;

    public static Aggregator of(String name) {
        return switch (name) {
            case "weighted" -> WEIGHTED;
            case "average" -> AVERAGE;
            case "median" -> MEDIAN;
            default -> throw new InvalidInputException("aggregator", "must be weighted, average or median, got " + name);
        };
    }

    /** The soft label from the reports of labelers with {@code reported[i]} (1/2 when nobody reported). */
    public double aggregate(OnlineWeights weights, double[] reports, boolean[] reported) {
        if (this == WEIGHTED) {
            return weights.aggregate(reports, reported);
        }
        double[] present = new double[reports.length];
        int k = 0;
        for (int i = 0; i < reports.length; i++) {
            if (reported[i]) {
                present[k++] = reports[i];
            }
        }
        if (k == 0) {
            return 0.5;
        }
        double[] p = Arrays.copyOf(present, k);
        if (this == AVERAGE) {
            return Arrays.stream(p).average().orElseThrow();
        }
        Arrays.sort(p);
        return k % 2 == 1 ? p[k / 2] : (p[k / 2 - 1] + p[k / 2]) / 2;
    }
}
