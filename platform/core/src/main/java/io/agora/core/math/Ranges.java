package io.agora.core.math;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Runs work over {@code 0..n-1}: as a plain loop for small work (a stream costs more than a small round),
 * and for large work on a pool of its own with one thread per core. A pool of its own, rather than the
 * common pool, because callers may themselves run on a single-thread fork-join pool (a market's lane),
 * where a parallel stream would fork into the caller's pool and run on one thread.
 */
public final class Ranges {
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private Ranges() {
    }

    /**
     * @param n        the number of indices
     * @param parallel whether the work is large enough to split across cores
     * @param body     called once per index; must be safe to run concurrently when {@code parallel}
     */
    public static void forEach(int n, boolean parallel, IntConsumer body) {
        if (parallel) {
            POOL.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
            return;
        }
        for (int i = 0; i < n; i++) {
            body.accept(i);
        }
    }

    /**
     * The smallest index for which {@code test} holds, or {@code n} when none does.
     *
     * @param parallel whether to test the indices in parallel (the answer is the same)
     */
    public static int firstIndex(int n, boolean parallel, IntPredicate test) {
        if (parallel) {
            return POOL.submit(() -> IntStream.range(0, n).parallel().filter(test).min().orElse(n)).join();
        }
        for (int i = 0; i < n; i++) {
            if (test.test(i)) {
                return i;
            }
        }
        return n;
    }
}
