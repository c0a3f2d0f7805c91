package io.agora.wire;

/**
 * A registered client's credentials for the OAuth2 client-credentials grant. The secret is shown once.
 */
public record ClientCredentials(String name, String role, String clientId, String clientSecret, String tokenUrl) {
}
