package io.agora.gateway.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A verified token is recognized by its exact text, and never past its expiry or the memory's limits. */
class VerifiedTokensTest {

    private static SecurityIdentity identity(String token, long expSeconds) {
        JsonWebToken jwt = new JsonWebToken() {
            private final Map<String, Object> claims = Map.of("azp", "bot-1", "exp", expSeconds);

            @Override
            public String getName() {
                return "bot-1";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("bot").addCredential(new TokenCredential(token, "bearer")).build();
    }

    private static SecurityIdentity lookUp(VerifiedTokens tokens, String token) {
        return tokens.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null).await().indefinitely();
    }

    @Test
    void aVerifiedTokenIsRecognizedByItsExactTextOnly() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 10, new SimpleMeterRegistry());
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        assertThat(lookUp(tokens, "aaa.bbb.ccc")).isNull(); // never seen: left to OIDC
        tokens.augment(identity("aaa.bbb.ccc", inAnHour), null).await().indefinitely();
        assertThat(lookUp(tokens, "aaa.bbb.ccc").getPrincipal().getName()).isEqualTo("bot-1");
        assertThat(lookUp(tokens, "aaa.bbb.ccd")).isNull();
    }

    @Test
    void anExpiredTokenIsLeftToOidcWhichRefusesIt() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 10, new SimpleMeterRegistry());
        tokens.augment(identity("old.token.x", System.currentTimeMillis() / 1000 - 1), null).await().indefinitely();
        assertThat(lookUp(tokens, "old.token.x")).isNull();
    }

    @Test
    void theMemoryIsBoundedAndCanBeTurnedOff() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 2, new SimpleMeterRegistry());
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        for (String t : new String[] {"t1", "t2", "t3"}) {
            tokens.augment(identity(t, inAnHour), null).await().indefinitely();
        }
        assertThat(lookUp(tokens, "t3")).isNotNull();
        assertThat(lookUp(tokens, "t1")).isNull(); // the memory started over at its limit

        VerifiedTokens off = new VerifiedTokens(Duration.ofMinutes(5), 0, new SimpleMeterRegistry());
        off.augment(identity("t1", inAnHour), null).await().indefinitely();
        assertThat(lookUp(off, "t1")).isNull();
    }
}
