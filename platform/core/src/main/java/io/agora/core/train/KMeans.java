package io.agora.core.train;

import java.util.SplittableRandom;

/** Seeded k-means (Lloyd's iterations from k-means++ seeds) for EM-DPO's cluster initialisation. */
final class KMeans {
    private static final int ITERATIONS = 100;

    private KMeans() {
    }

    /** One-hot memberships of {@code points} in {@code k} clusters (a row per point). */
    static double[][] oneHot(double[][] points, int k, SplittableRandom random) {
        int n = points.length;
        double[][] centers = seeds(points, k, random);
        int[] cluster = new int[n];
        for (int it = 0; it < ITERATIONS; it++) {
            boolean moved = it == 0;
            for (int p = 0; p < n; p++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (distance(points[p], centers[c]) < distance(points[p], centers[best])) {
                        best = c;
                    }
                }
                moved |= best != cluster[p];
                cluster[p] = best;
            }
            if (!moved) {
                break;
            }
            double[][] sums = new double[k][points[0].length];
            int[] counts = new int[k];
            for (int p = 0; p < n; p++) {
                counts[cluster[p]]++;
                for (int d = 0; d < points[p].length; d++) {
                    sums[cluster[p]][d] += points[p][d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) { // an empty cluster keeps its center
                    for (int d = 0; d < sums[c].length; d++) {
                        centers[c][d] = sums[c][d] / counts[c];
                    }
                }
            }
        }
        double[][] out = new double[n][k];
        for (int p = 0; p < n; p++) {
            out[p][cluster[p]] = 1;
        }
        return out;
    }

    /** k-means++: each next center drawn with probability proportional to the squared distance to the nearest one. */
    private static double[][] seeds(double[][] points, int k, SplittableRandom random) {
        int n = points.length;
        double[][] centers = new double[k][];
        centers[0] = points[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int p = 0; p < n; p++) {
                double d = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    d = Math.min(d, distance(points[p], centers[j]));
                }
                nearest[p] = d;
                total += d;
            }
            int pick = random.nextInt(n);
            if (total > 0) {
                double u = random.nextDouble() * total;
                for (int p = 0; p < n; p++) {
                    u -= nearest[p];
                    if (u < 0) {
                        pick = p;
                        break;
                    }
                }
            }
            centers[c] = points[pick].clone();
        }
        return centers;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - b[i];
            d += x * x;
        }
        return d;
    }
}
