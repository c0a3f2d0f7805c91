package io.agora.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes of sign-ins through the login page: random, single use, short-lived, bound to the web UI's
 * client id, its redirect URI and its PKCE challenge (S256), so that a code read from a browser's history or a log is
 * worth nothing to anyone without the verifier. Held in memory: a code lives a minute, and one lost with a restart
 * costs a second sign-in.
 */
@ApplicationScoped
public class AuthorizationCodes {
    /** How long a code may wait to be redeemed. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    /** The most codes waiting at once; beyond it, sign-ins are refused until some expire. */
    static final int MAX_WAITING = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Grant> waiting = new ConcurrentHashMap<>();

    /**
     * What a code stands for.
     *
     * @param signedIn    the client that signed in (whose token the code buys)
     * @param clientId    the client the code was issued to (the web UI)
     * @param redirectUri where the code was sent
     * @param challenge   the PKCE challenge, base64url of SHA-256 of the verifier
     * @param expires     when the code stops being redeemable
     */
    record Grant(ClientEntity signedIn, String clientId, String redirectUri, String challenge, Instant expires) {
    }

    /** A new code for {@code grant}, or {@code null} when too many are waiting. */
    String issue(ClientEntity signedIn, String clientId, String redirectUri, String challenge) {
        Instant now = Instant.now();
        if (waiting.size() >= MAX_WAITING) {
            waiting.values().removeIf(g -> g.expires().isBefore(now));
            if (waiting.size() >= MAX_WAITING) {
                return null;
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        waiting.put(code, new Grant(signedIn, clientId, redirectUri, challenge, now.plus(LIFETIME)));
        return code;
    }

    /**
     * The client a code signed in, once: the code is gone after this call whatever the answer. {@code null} unless the
     * code exists, has not expired, and was issued to {@code clientId} for {@code redirectUri} with the challenge of
     * {@code verifier}.
     */
    ClientEntity redeem(String code, String clientId, String redirectUri, String verifier) {
        Grant grant = waiting.remove(code);
        if (grant == null || grant.expires().isBefore(Instant.now()) || !grant.clientId().equals(clientId)
                || !grant.redirectUri().equals(redirectUri)) {
            return null;
        }
        return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                grant.challenge().getBytes(StandardCharsets.US_ASCII)) ? grant.signedIn() : null;
    }

    /** The S256 challenge of a verifier. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops expired codes (called as sign-ins come). */
    void sweep() {
        Instant now = Instant.now();
        for (Iterator<Grant> it = waiting.values().iterator(); it.hasNext(); ) {
            if (it.next().expires().isBefore(now)) {
                it.remove();
            }
        }
    }
}
