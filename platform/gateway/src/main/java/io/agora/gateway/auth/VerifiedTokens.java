package io.agora.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens the gateway has verified, so that a bot's token is verified once, not on every request: checking a
 * JWT's signature was about a sixth of the gateway's CPU under load, and a bot sends the same token for its lifetime.
 *
 * <p>As an augmentor it remembers each identity that OIDC verified, under the exact token text, until the token
 * expires (at most {@code agora.auth.verified-token-ttl}); as an identity provider consulted before OIDC's, it answers
 * a request whose token it remembers, and leaves every other token to OIDC. A token is only ever answered as the
 * identity its own verification produced, and never past its {@code exp}. At most
 * {@code agora.auth.verified-tokens} are kept; past that the memory starts over.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {
    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int capacity;
    private final Counter hits;

    VerifiedTokens(@ConfigProperty(name = "agora.auth.verified-token-ttl") Duration ttl,
                   @ConfigProperty(name = "agora.auth.verified-tokens") int capacity, MeterRegistry meters) {
        this.ttlMillis = ttl.toMillis();
        this.capacity = capacity;
        this.hits = Counter.builder("agora.auth.tokens.reused").description("requests whose token was verified before").register(meters);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before OIDC's provider (which has the default priority). */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityIdentity known = remembered(request.getToken() == null ? null : request.getToken().getToken());
        return known == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(known);
    }

    /**
     * The identity that verifying {@code token} produced, while it is remembered and unexpired; null otherwise (the
     * token then goes to OIDC, which verifies it, or refuses it as expired).
     */
    public SecurityIdentity remembered(String token) {
        Verified v = token == null || capacity == 0 ? null : verified.get(token);
        if (v == null) {
            return null;
        }
        if (v.expiresAtMillis() <= System.currentTimeMillis()) {
            verified.remove(token, v);
            return null;
        }
        hits.increment();
        return v.identity();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        TokenCredential credential = identity.isAnonymous() ? null : identity.getCredential(TokenCredential.class);
        if (credential != null && capacity > 0 && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            long expires = Math.min(jwt.getExpirationTime() * 1000, System.currentTimeMillis() + ttlMillis);
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.putIfAbsent(credential.getToken(), new Verified(identity, expires));
        }
        return Uni.createFrom().item(identity);
    }
}
