package io.agora.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets are safe to pass on a command line: never a leading '-', always 43 base64url characters. */
class ClientSecretTest {

    @Test
    void noSecretLooksLikeAnOption() {
        for (int i = 0; i < 5_000; i++) { // a leading '-' is 1 in 64 per draw without the rule
            String secret = ClientService.secret();
            assertThat(secret).doesNotStartWith("-").hasSize(43).matches("[A-Za-z0-9_-]+");
        }
    }
}
