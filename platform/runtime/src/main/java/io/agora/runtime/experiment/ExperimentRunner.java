package io.agora.runtime.experiment;

import io.agora.runtime.plugins.PluginHost;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Runs an experiment: every sweep point's samples are cut into fixed-size chunks that worker threads play
 * independently; the chunks' statistics are merged in chunk order, so the output is the same for any
 * number of threads.
 */
public final class ExperimentRunner {
    /** Samples per unit of work: small enough to balance the cores, large enough to amortize setup. */
    static final int CHUNK = 1000;

    private ExperimentRunner() {
    }

    /**
     * Runs {@code config} on {@code threads} workers.
     *
     * @param progress called with the number of samples each finished chunk played
     * @throws io.agora.api.InvalidInputException when the config does not fit the installed plugins
     */
    public static ExperimentResult run(ExperimentConfig config, PluginHost host, int threads, LongConsumer progress)
            throws InterruptedException {
        List<Point> points = ExperimentPlan.points(config, host);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "agora-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<List<Future<Stats>>> futures = new ArrayList<>();
            for (Point point : points) {
                List<Future<Stats>> chunks = new ArrayList<>();
                for (long from = 0; from < config.samples(); from += CHUNK) {
                    long start = from;
                    long end = Math.min(config.samples(), from + CHUNK);
                    chunks.add(pool.submit(() -> {
                        SampleSimulator simulator = new SampleSimulator(config, host, point);
                        Stats stats = new Stats();
                        for (long s = start; s < end; s++) {
                            simulator.simulate(s, stats);
                        }
                        progress.accept(end - start);
                        return stats;
                    }));
                }
                futures.add(chunks);
            }
            List<Stats> merged = new ArrayList<>();
            for (List<Future<Stats>> chunks : futures) {
                Stats total = new Stats();
                for (Future<Stats> f : chunks) {
                    total.merge(f.get());
                }
                merged.add(total);
            }
            return new ExperimentResult(config, points, merged);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
