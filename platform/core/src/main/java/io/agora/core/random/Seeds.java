package io.agora.core.random;

import java.util.SplittableRandom;

/**
 * Seeded randomness. Every random choice in the platform draws from a {@link SplittableRandom} whose seed is
 * derived from the run's seed and the position of the draw (sweep point, sample, agent), so results do not
 * depend on thread scheduling and the same seed gives the same numbers, bit for bit.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for position {@code index} under {@code seed}: a SplitMix64 finalizer of both. */
    public static long derive(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for a path of positions, such as (sweep point, sample, agent). */
    public static long derive(long seed, long... path) {
        long s = seed;
        for (long p : path) {
            s = derive(s, p);
        }
        return s;
    }

    /** A generator for a path of positions under {@code seed}. */
    public static SplittableRandom random(long seed, long... path) {
        return new SplittableRandom(derive(seed, path));
    }
}
