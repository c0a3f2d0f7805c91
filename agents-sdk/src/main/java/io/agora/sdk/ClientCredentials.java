package io.agora.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.wire.TokenResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Tokens from any OAuth2 token endpoint by the client-credentials grant: the gateway's embedded issuer
 * ({@code http://127.0.0.1:8080/oauth/token}) or Keycloak ({@code .../realms/agora/protocol/openid-connect/token})
 * alike. A token is reused until a minute before it expires.
 */
public final class ClientCredentials implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentials(URI tokenUrl, String clientId, String clientSecret, HttpClient http) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
    }

    public ClientCredentials(URI tokenUrl, String clientId, String clientSecret) {
        this(tokenUrl, clientId, clientSecret, HttpClient.newHttpClient());
    }

    /** Where tokens come from. */
    public URI tokenUrl() {
        return tokenUrl;
    }

    @Override
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(refreshAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreachableException(who(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw refusal(response.statusCode(), response.body());
        }
        try {
            TokenResponse t = JSON.readValue(response.body(), TokenResponse.class);
            token = t.accessToken();
            long life = t.expiresIn() > 0 ? t.expiresIn() : 300;
            refreshAt = Instant.now().plusSeconds(life).minus(life > 2 * MARGIN.toSeconds() ? MARGIN : Duration.ofSeconds(life / 2));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("unexpected answer of " + who() + ": " + e.getMessage(), e);
        }
    }

    private String who() {
        return "the token endpoint at " + tokenUrl;
    }

    /** The endpoint's error answer, with the OAuth2 error code and description when it sent them (RFC 6749, 5.2). */
    private TokenRequestException refusal(int status, String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("error")) {
                return new TokenRequestException(who(), clientId, status, error.get("error").asText(), error.path("error_description").asText(null));
            }
        } catch (IOException e) {
            // not JSON: the text itself describes the error
        }
        return new TokenRequestException(who(), clientId, status, null, body);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
