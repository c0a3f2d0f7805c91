package io.agora.gateway.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;


/**
 * Who calls, and whether they may call again now: the principal (the OAuth2 client) and a per-caller token
 * bucket (refilled at {@code agora.rate-limit.per-second}, holding two seconds' worth), answering 429 when empty.
 */
@ApplicationScoped
public class Caller {
    private final TokenBuckets buckets;
    private final String uiClient;

    Caller(@ConfigProperty(name = "agora.rate-limit.per-second") double perSecond, @ConfigProperty(name = "agora.ui.client-id") String uiClient) {
        this.buckets = new TokenBuckets(perSecond);
        this.uiClient = uiClient;
    }

    /** The caller's name after charging one request to its bucket. */
    public String admit(SecurityIdentity identity) {
        return admit(name(identity));
    }

    /** Charges one request to the bucket of the caller named {@code name} (429 when it is empty), and returns the name. */
    public String admit(String name) {
        if (!buckets.take(name)) {
            throw new ProblemException(429, "Authorization", "rate limit: at most " + buckets.perSecond() + " requests per second per client");
        }
        return name;
    }

    /** The caller's name, without charging a request (see {@link #name(SecurityIdentity, String)}). */
    public String name(SecurityIdentity identity) {
        return name(identity, uiClient);
    }

    /**
     * The OAuth2 client the token identifies: {@code azp} (Keycloak and the embedded issuer), else {@code client_id}
     * (RFC 9068 access tokens), else {@code sub}; some providers omit {@code azp}. A token with none is refused. A
     * person who signed in through an OIDC provider's page holds a token whose {@code azp} is the web UI
     * ({@code uiClient}): that caller is the person, {@code preferred_username}. (The embedded issuer's sign-in
     * tokens name the client that signed in, so they need no such rule.)
     */
    static String name(SecurityIdentity identity, String uiClient) {
        String name = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        if (uiClient.equals(name) && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            name = jwt.getClaim("preferred_username").toString().replaceAll("^\"|\"$", "");
        }
        if ((name == null || name.isBlank()) && identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("client_id"); // a String or a JSON string, by provider
            String clientId = claim == null ? null : claim.toString().replaceAll("^\"|\"$", "");
            name = clientId != null && !clientId.isBlank() ? clientId : jwt.getSubject();
        }
        if (name == null || name.isBlank()) {
            throw new ProblemException(401, "Authorization", "the token names no client: it needs an azp, client_id or sub claim");
        }
        if (name.length() > 255) {
            throw new ProblemException(401, "Authorization", "the token's client name is over 255 characters");
        }
        return name;
    }
}
