package io.agora.gateway.auth;

import io.agora.gateway.boot.IssuerKeys;
import io.agora.gateway.web.WireJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded token issuer of local mode: signs RS256 JWTs with the data folder's key, shaped as Keycloak issues
 * them (roles in {@code realm_access.roles}, the client in {@code azp}), so that the gateway validates its tokens
 * and a real Keycloak's on one path.
 */
@ApplicationScoped
public class LocalIssuer {
    /** The {@code iss} of local tokens. */
    public static final String ISSUER = "agora-local";
    private static final Logger LOG = Logger.getLogger(LocalIssuer.class);
    private final boolean enabled;
    private final Path keyFile;
    private final Duration lifetime;
    private volatile IssuerKeys keys;

    LocalIssuer(@ConfigProperty(name = "agora.auth.mode") String mode, @ConfigProperty(name = "agora.data") Path data,
                @ConfigProperty(name = "agora.auth.token-lifetime") Duration lifetime) {
        this.enabled = "local".equals(mode);
        this.keyFile = data.resolve("issuer/private-key.pem");
        this.lifetime = lifetime;
        if (enabled) {
            LOG.infof("auth: LOCAL MODE - the embedded token issuer signs tokens (client-credentials grant at /oauth/token, loopback only)");
        } else {
            LOG.infof("auth: tokens from the OIDC provider are required; the embedded issuer is off");
        }
    }

    /** Whether local mode is on. */
    public boolean enabled() {
        return enabled;
    }

    /** How long a token lives. */
    public Duration lifetime() {
        return lifetime;
    }

    /** A signed access token for {@code client}. */
    public String mint(ClientEntity client) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", client.clientId);
        claims.put("azp", client.clientId);
        claims.put("preferred_username", client.name);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("realm_access", Map.of("roles", List.of(client.role)));
        String header = encode(WireJson.write(Map.of("alg", "RS256", "typ", "JWT")));
        String body = encode(WireJson.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys().privateKey());
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    private IssuerKeys keys() {
        if (keys == null) {
            try {
                keys = IssuerKeys.loadOrCreate(keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
