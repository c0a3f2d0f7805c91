package io.agora.gateway.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Who calls, and whether they may call again now: the principal (the OAuth2 client) and a per-caller token
 * bucket (refilled at {@code agora.rate-limit.per-second}, holding two seconds' worth), answering 429 when empty.
 */
@ApplicationScoped
public class Caller {
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    Caller(@ConfigProperty(name = "agora.rate-limit.per-second") double perSecond) {
        this.perSecond = perSecond;
    }

    /** The caller's name after charging one request to its bucket. */
    public String admit(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        if (perSecond > 0 && !buckets.computeIfAbsent(name, n -> new Bucket(2 * perSecond)).take(perSecond, 2 * perSecond)) {
            throw new ProblemException(429, null, "rate limit: at most " + perSecond + " requests per second per client");
        }
        return name;
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
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
