package io.agora.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A gateway without rate limits, for suites that send many requests as one client and test something else. */
public class NoRateLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("agora.rate-limit.per-second", "0", "agora.auth.token-requests-per-second", "0");
    }
}
