package io.agora.gateway.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client, a remote address): each refills at {@code perSecond} and holds two seconds' worth.
 * Buckets idle long enough to be full again are dropped once there are many, so that a flood of distinct keys
 * cannot grow the map without bound.
 */
public final class TokenBuckets {
    private static final int PRUNE_ABOVE = 10_000;
    private final double perSecond;
    private final double capacity;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastPrune = System.nanoTime();

    public TokenBuckets(double perSecond) {
        this.perSecond = perSecond;
        this.capacity = 2 * perSecond;
    }

    /** Whether {@code key} may make one more request now (always, when the rate is 0: no limit). */
    public boolean take(String key) {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() > PRUNE_ABOVE && now - lastPrune > 1_000_000_000L) {
            // At most once a second: a scan per request would make every request cost O(keys) under a flood.
            lastPrune = now;
            buckets.values().removeIf(b -> b.idleNanos(now) > 2_000_000_000L);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity)).take(perSecond, capacity);
    }

    /** The rate, per second. */
    public double perSecond() {
        return perSecond;
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized long idleNanos(long now) {
            return now - last;
        }

        synchronized boolean take(double rate, double capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * rate / 1e9);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
