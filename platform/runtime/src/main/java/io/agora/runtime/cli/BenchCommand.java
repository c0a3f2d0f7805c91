package io.agora.runtime.cli;

import io.agora.api.InvalidInputException;
import io.agora.api.Normalization;
import io.agora.core.math.RowKernels;
import io.agora.runtime.bench.ClearingBench;
import io.agora.runtime.json.Json;
import io.agora.runtime.plugins.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agora bench}: times one KL SW-Max clearing with affine-maximizer payments through the real plugin,
 * and prints one JSON object with the median time and the peak heap as its last line.
 */
@Command(name = "bench", description = "Benchmark one P1 clearing (KL, affine-maximizer payments); last line is JSON.")
final class BenchCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Option(names = "--agents", defaultValue = "1000", description = "Number of agents n (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--outcomes", defaultValue = "100000", description = "Number of outcomes m (default ${DEFAULT-VALUE}).")
    int outcomes;

    @Option(names = "--normalization", defaultValue = "sum", description = "How the random rewards are normalized: sum or max (default ${DEFAULT-VALUE}).")
    String normalization;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random rewards (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "7", description = "Timed clearings (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up clearings (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public void run() {
        if (agents < 1) {
            throw new InvalidInputException("--agents", "must be >= 1, got " + agents);
        }
        if (outcomes < 2) {
            throw new InvalidInputException("--outcomes", "must be >= 2, got " + outcomes);
        }
        if (runs < 1 || warmup < 0) {
            throw new InvalidInputException(runs < 1 ? "--runs" : "--warmup", runs < 1 ? "must be >= 1" : "must be >= 0");
        }
        if (!normalization.equals("sum") && !normalization.equals("max")) {
            throw new InvalidInputException("--normalization", "must be sum or max, got " + normalization);
        }
        Normalization norm = Normalization.of(normalization);
        try (PluginHost host = parent.host()) {
            ClearingBench.Result r = ClearingBench.run(host, agents, outcomes, norm, seed, warmup, runs, parent.err);
            parent.out.println(Json.mapper().createObjectNode()
                    .put("scenario", "p1-kl-clearing").put("agents", agents).put("outcomes", outcomes).put("normalization", normalization).put("seed", seed)
                    .put("runs", runs).put("medianSeconds", r.medianSeconds()).put("minSeconds", r.minSeconds())
                    .put("peakHeapBytes", r.peakHeapBytes()).put("rewardMatrixBytes", r.matrixBytes())
                    .put("peakHeapOverMatrix", (double) r.peakHeapBytes() / r.matrixBytes())
                    .put("threads", Runtime.getRuntime().availableProcessors()).put("simd", RowKernels.simd()).toString());
        }
    }
}
