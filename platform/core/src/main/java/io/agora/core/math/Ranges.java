package io.agora.core.math;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs a body over {@code 0..n-1}: on the common fork-join pool for large work, as a plain loop otherwise (a stream costs more than a small round). */
public final class Ranges {
    private Ranges() {
    }

    /**
     * @param n        the number of indices
     * @param parallel whether the work is large enough to split across cores
     * @param body     called once per index; must be safe to run concurrently when {@code parallel}
     */
    public static void forEach(int n, boolean parallel, IntConsumer body) {
        if (parallel) {
            IntStream.range(0, n).parallel().forEach(body);
            return;
        }
        for (int i = 0; i < n; i++) {
            body.accept(i);
        }
    }
}
