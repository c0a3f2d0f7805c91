package io.agora.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agora.sdk.wire.ClientCreate;
import io.agora.sdk.wire.ClientCredentials;
import io.agora.sdk.wire.ExperimentView;
import io.agora.sdk.wire.LeaderboardRow;
import io.agora.sdk.wire.LedgerEntry;
import io.agora.sdk.wire.MarketCreate;
import io.agora.sdk.wire.MarketEvent;
import io.agora.sdk.wire.MarketView;
import io.agora.sdk.wire.Problem;
import io.agora.sdk.wire.ReportBody;
import io.agora.sdk.wire.ReportReceipt;
import io.agora.sdk.wire.RoundView;
import io.agora.sdk.wire.SeatResult;
import io.agora.sdk.wire.SeatView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A typed client of the Agora gateway for bots (and for experimenters' scripts). Thread-safe; one instance per
 * identity. Every call sends a bearer token from its {@link TokenSource} and, after a 401, gets a fresh token
 * and tries once more. Safe calls and report submissions (which carry an idempotency key) are retried on network
 * errors, 429 and 502–504 with exponential back-off, reusing the same key, so a retried report is stored once.
 */
public final class AgoraClient {
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final int ATTEMPTS = 6;
    private final URI base;
    private final TokenSource tokens;
    private final HttpClient http;

    public AgoraClient(URI base, TokenSource tokens, HttpClient http) {
        this.base = base;
        this.tokens = tokens;
        this.http = http;
    }

    /** A client with its own HTTP/1.1 connection pool. */
    public AgoraClient(URI base, TokenSource tokens) {
        this(base, tokens, defaultHttp());
    }

    /** The HTTP client the SDK uses by default. */
    public static HttpClient defaultHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * A client of the gateway at {@code base} signed in as a client of its embedded issuer (local mode). With an
     * external OIDC provider, build {@link ClientCredentials} with the provider's token URL instead.
     */
    public static AgoraClient local(URI base, String clientId, String clientSecret) {
        HttpClient http = defaultHttp();
        return new AgoraClient(base, new io.agora.sdk.ClientCredentials(base.resolve("/oauth/token"), clientId, clientSecret, http), http);
    }

    // ---- markets ----

    public MarketView createMarket(MarketCreate request) {
        return call("POST", "/api/markets", request, null, type(MarketView.class), false);
    }

    public List<MarketView> markets() {
        return call("GET", "/api/markets", null, null, list(MarketView.class), true);
    }

    public MarketView market(String marketId) {
        return call("GET", "/api/markets/" + marketId, null, null, type(MarketView.class), true);
    }

    public MarketView closeMarket(String marketId) {
        return call("POST", "/api/markets/" + marketId + "/close", null, null, type(MarketView.class), true);
    }

    /** Takes a seat (or gets the one this bot holds). */
    public SeatView join(String marketId) {
        return call("POST", "/api/markets/" + marketId + "/seats", null, null, type(SeatView.class), true);
    }

    /** The current round for this bot's seat. */
    public RoundView currentRound(String marketId) {
        return call("GET", "/api/markets/" + marketId + "/rounds/current", null, null, type(RoundView.class), true);
    }

    /** Waits (up to {@code wait}) for a round after {@code after} to open; answers the current state either way. */
    public RoundView awaitRound(String marketId, int after, Duration wait) {
        return call("GET", "/api/markets/" + marketId + "/rounds/current?after=" + after + "&waitMillis=" + wait.toMillis(),
                null, null, type(RoundView.class), true);
    }

    /** Submits a report under a new idempotency key. */
    public ReportReceipt submit(String marketId, int round, ReportBody report) {
        return submit(marketId, round, report, UUID.randomUUID().toString());
    }

    /** Submits a report; retries reuse {@code idempotencyKey}, so the report is stored at most once. */
    public ReportReceipt submit(String marketId, int round, ReportBody report, String idempotencyKey) {
        return call("POST", "/api/markets/" + marketId + "/rounds/" + round + "/reports", report,
                Map.of("Idempotency-Key", idempotencyKey), type(ReportReceipt.class), true);
    }

    /** This bot's result of a settled round. */
    public SeatResult result(String marketId, int round) {
        return call("GET", "/api/markets/" + marketId + "/rounds/" + round + "/result", null, null, type(SeatResult.class), true);
    }

    public List<LeaderboardRow> leaderboard(String marketId) {
        return call("GET", "/api/markets/" + marketId + "/leaderboard", null, null, list(LeaderboardRow.class), true);
    }

    /** This bot's ledger entries. */
    public List<LedgerEntry> myLedger() {
        return call("GET", "/api/ledger/me", null, null, list(LedgerEntry.class), true);
    }

    /** A market's whole ledger (experimenters). */
    public List<LedgerEntry> marketLedger(String marketId) {
        return call("GET", "/api/markets/" + marketId + "/ledger", null, null, list(LedgerEntry.class), true);
    }

    // ---- experiments and administration ----

    /** Submits an experiment config (YAML, or JSON). */
    public ExperimentView submitExperiment(String config) {
        return call("POST", "/api/experiments", new Raw(config, "application/yaml"), null, type(ExperimentView.class), false);
    }

    public ExperimentView experiment(String id) {
        return call("GET", "/api/experiments/" + id, null, null, type(ExperimentView.class), true);
    }

    /** A result file of a finished experiment. */
    public byte[] experimentFile(String id, String name) {
        return call("GET", "/api/experiments/" + id + "/files/" + name, null, null, null, true);
    }

    /** Registers a client with the embedded issuer (admins). */
    public ClientCredentials createClient(String name, String role) {
        return call("POST", "/api/admin/clients", new ClientCreate(name, role), null, type(ClientCredentials.class), false);
    }

    // ---- events ----

    /**
     * Follows a market's event stream (server-sent events) on a daemon thread, calling {@code listener} for each
     * event until the returned handle is closed or the stream ends.
     */
    public AutoCloseable events(String marketId, Consumer<MarketEvent> listener) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/markets/" + marketId + "/events"))
                .header("Authorization", "Bearer " + tokens.token()).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new AgoraException(problem(response.statusCode(), body));
        }
        Stream<String> lines = response.body();
        Thread reader = new Thread(() -> {
            try {
                lines.forEach(line -> {
                    if (line.startsWith("data:")) {
                        try {
                            listener.accept(JSON.readValue(line.substring(5).trim(), MarketEvent.class));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed
            }
        }, "agora-events-" + marketId);
        reader.setDaemon(true);
        reader.start();
        return lines::close;
    }

    // ---- plumbing ----

    private record Raw(String text, String contentType) {
    }

    private static JavaType type(Class<?> c) {
        return JSON.getTypeFactory().constructType(c);
    }

    private static JavaType list(Class<?> c) {
        return JSON.getTypeFactory().constructCollectionType(List.class, c);
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, String path, Object body, Map<String, String> headers, JavaType answer, boolean retry) {
        boolean reauthenticated = false;
        long backoff = 50;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!retry || attempt >= ATTEMPTS) {
                    throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
                }
                backoff = pause(backoff);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated) {
                tokens.invalidate();
                reauthenticated = true;
                continue;
            }
            if (retry && attempt < ATTEMPTS && (status == 429 || status == 502 || status == 503 || status == 504)) {
                backoff = pause(backoff);
                continue;
            }
            if (status >= 400) {
                throw new AgoraException(problem(status, new String(response.body(), StandardCharsets.UTF_8)));
            }
            if (answer == null) {
                return (T) response.body();
            }
            try {
                return JSON.readValue(response.body(), answer);
            } catch (IOException e) {
                throw new UncheckedIOException("unexpected answer to " + method + " " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private HttpRequest request(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.token());
        if (headers != null) {
            headers.forEach(b::header);
        }
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        if (body instanceof Raw raw) {
            return b.header("Content-Type", raw.contentType()).method(method, HttpRequest.BodyPublishers.ofString(raw.text())).build();
        }
        try {
            return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long pause(long millis) {
        try {
            Thread.sleep(millis + (long) (Math.random() * millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return Math.min(2_000, millis * 2);
    }

    private static Problem problem(int status, String body) {
        try {
            Problem p = JSON.readValue(body, Problem.class);
            if (p.status() != 0) {
                return p;
            }
        } catch (IOException | RuntimeException e) {
            // not problem JSON (a proxy, or 413 from the HTTP layer)
        }
        return new Problem("about:blank", "HTTP " + status, status, body == null || body.isBlank() ? "HTTP " + status : body, null);
    }
}
