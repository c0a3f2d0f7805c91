package io.agora.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.wire.TokenResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint " + tokenUrl + " answered " + response.statusCode() + ": " + response.body());
            }
            TokenResponse t = JSON.readValue(response.body(), TokenResponse.class);
            token = t.accessToken();
            long life = t.expiresIn() > 0 ? t.expiresIn() : 300;
            refreshAt = Instant.now().plusSeconds(life).minus(life > 2 * MARGIN.toSeconds() ? MARGIN : Duration.ofSeconds(life / 2));
        } catch (IOException e) {
            throw new UncheckedIOException("token endpoint " + tokenUrl + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
