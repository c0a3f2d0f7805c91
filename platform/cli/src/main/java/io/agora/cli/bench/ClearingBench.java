package io.agora.cli.bench;

import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginHost;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The clearing benchmark: n agents with seeded random rewards drawn uniformly from [0,1]^m and normalized (by sum, the mechanism's default, or by max) and group sizes
 * in 1..10 report to the affine-maximizer plugin (KL, λ = 1), loaded through the plugin host; each run
 * clears the round with payments. The peak heap is the sum of the heap pools' peaks over the timed clearings
 * (after the warm-up), so it includes the reward matrix itself.
 */
public final class ClearingBench {
    private ClearingBench() {
    }

    /**
     * @param medianSeconds the median clearing time
     * @param minSeconds    the fastest clearing
     * @param peakHeapBytes the peak heap while clearing (matrix included)
     * @param matrixBytes   the size of the reward matrix, {@code 8·n·m}
     */
    public record Result(double medianSeconds, double minSeconds, long peakHeapBytes, long matrixBytes) {
    }

    public static Result run(PluginHost host, int n, int m, Normalization normalization, long seed, int warmup, int runs, PrintStream log) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Report> reports = new ArrayList<>(n);
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < m; y++) {
                row[y] = random.nextDouble();
            }
            reports.add(Report.ofRewards("a" + i, normalization.normalize(row), 1 + random.nextInt(10)));
        }
        RoundInput round = new RoundInput(0, OutcomeSpace.of(m), Policy.uniform(m), reports);
        GuardedMechanism mechanism = GuardedMechanism.open(host.mechanism("affine-maximizer", "mechanism"),
                Map.of("lambda", 1.0, "divergence", "kl", "normalization", normalization.id(), "payment", "affine-maximizer", "maxGroupSize", 10),
                host.context("bench", 0));
        for (int i = 0; i < warmup; i++) {
            mechanism.clear(round);
        }
        // Peak heap of the steady state: the warm-up's garbage (code not yet compiled allocates) is collected
        // first, so the peak covers the timed clearings with the matrix live.
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            mechanism.clear(round);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            log.printf("run %d: %.4f s%n", i + 1, seconds[i]);
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        return new Result(median, seconds[0], peak, 8L * n * m);
    }
}
