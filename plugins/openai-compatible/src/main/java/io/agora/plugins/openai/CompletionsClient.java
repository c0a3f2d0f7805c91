package io.agora.plugins.openai;

import io.agora.api.lm.ModelUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/completions} with a timeout per call and retries with doubling back-off for what may pass (no
 * connection, a timeout, 429 and 5xx answers). Any other answer, and the last failure, become a
 * {@link ModelUnavailableException} that names the server and the reason, with the server's own message when it gave
 * one.
 */
final class CompletionsClient {
    private final String model;
    private final URI endpoint;
    private final Duration timeout;
    private final int retries;
    private final String apiKey;
    private final HttpClient http;

    CompletionsClient(String model, URI base, Duration timeout, int retries, String apiKey) {
        this.model = model;
        this.endpoint = base.resolve("/v1/completions");
        this.timeout = timeout;
        this.retries = retries;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI url() {
        return endpoint;
    }

    /** The parsed answer to one completions request. */
    @SuppressWarnings("unchecked")
    Map<String, Object> complete(Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        String reason = null;
        int made = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            made++;
            if (attempt > 0) {
                sleep(100L << Math.min(attempt - 1, 6));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                reason = "cannot be reached (" + (e.getMessage() == null ? "no answer" : e.getMessage()) + ")";
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelUnavailableException("model '" + model + "' at " + endpoint + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                try {
                    Object parsed = Json.parse(response.body());
                    if (parsed instanceof Map<?, ?> m) {
                        return (Map<String, Object>) m;
                    }
                    throw new IllegalArgumentException("the answer is not a JSON object");
                } catch (IllegalArgumentException e) {
                    throw new ModelUnavailableException("model '" + model + "' at " + endpoint + " answered with malformed JSON: " + e.getMessage(), e);
                }
            }
            reason = "answered HTTP " + status + serverMessage(response.body());
            if (status != 429 && status < 500) {
                break; // the request itself is wrong: asking again gives the same answer
            }
        }
        throw new ModelUnavailableException("model '" + model + "' at " + endpoint + " " + reason
                + (made > 1 ? " (after " + made + " attempts)" : ""), null);
    }

    /** The server's {@code error.message} (OpenAI's form) or a short excerpt of its answer. */
    private static String serverMessage(String body) {
        try {
            if (Json.parse(body) instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e && e.get("message") != null) {
                return ": " + e.get("message");
            }
        } catch (IllegalArgumentException ignored) {
            // not JSON: show the start of it
        }
        String s = body.strip();
        return s.isEmpty() ? "" : ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
