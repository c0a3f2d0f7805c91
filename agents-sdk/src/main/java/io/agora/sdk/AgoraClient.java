package io.agora.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.Report;
import io.agora.wire.ClientCreate;
import io.agora.wire.ClientCredentials;
import io.agora.wire.ExperimentView;
import io.agora.wire.LeaderboardRow;
import io.agora.wire.LedgerEntry;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketEvent;
import io.agora.wire.MarketView;
import io.agora.wire.MechanismView;
import io.agora.wire.PreferenceRow;
import io.agora.wire.Problem;
import io.agora.wire.ReportJson;
import io.agora.wire.ReportReceipt;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import io.agora.wire.SeatView;

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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A typed client of the Agora gateway for bots (and for experimenters' scripts). Thread-safe; one instance per
 * identity. Every call sends a bearer token from its {@link TokenSource} and, after a 401, gets a fresh token
 * and tries once more. Safe calls and report submissions (which carry an idempotency key) are retried on network
 * errors, 429 and 502–504 with exponential back-off, reusing the same key, so a retried report is stored once.
 *
 * <p>Length: over 300 lines because it has one short typed method per endpoint, kept together so that a bot
 * author finds the whole API in one class; the transport (tokens, retries, streams) is the part to move out.
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
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(DIRECT).build();
    }

    /**
     * Runs the client's completion stages on the thread that completes them (its selector thread) instead of handing
     * each to a pool thread: the SDK's stages only hand results to the waiting caller, and a hand-off per request
     * cost more CPU than the rest of the request in measurements with many bots in one JVM.
     */
    private static final java.util.concurrent.Executor DIRECT = Runnable::run;

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
    public ReportReceipt submit(String marketId, int round, Report report) {
        return submit(marketId, round, report, UUID.randomUUID().toString());
    }

    /**
     * Submits a report of any mechanism, in its JSON form (one field per component of the round's
     * {@link RoundView#reportShape()}; the report's agent is ignored: the seat is the caller's); retries reuse
     * {@code idempotencyKey}, so the report is stored at most once.
     */
    public ReportReceipt submit(String marketId, int round, Report report, String idempotencyKey) {
        return submit(marketId, round, ReportJson.write(report, false), idempotencyKey);
    }

    /** Submits a report given as its JSON object, such as a round's {@link RoundView#type()} (the truthful report). */
    public ReportReceipt submit(String marketId, int round, ObjectNode body, String idempotencyKey) {
        return call("POST", "/api/markets/" + marketId + "/rounds/" + round + "/reports", body,
                Map.of("Idempotency-Key", idempotencyKey), type(ReportReceipt.class), true);
    }

    /** Submits a report without blocking; the future completes once the report is durable (or failed for good). */
    public CompletableFuture<ReportReceipt> submitAsync(String marketId, int round, ObjectNode body, String idempotencyKey) {
        return callAsync("POST", "/api/markets/" + marketId + "/rounds/" + round + "/reports", body,
                Map.of("Idempotency-Key", idempotencyKey), type(ReportReceipt.class), true);
    }

    /** The installed mechanisms with their parameters and report shapes. */
    public List<MechanismView> mechanisms() {
        return call("GET", "/api/mechanisms", null, null, list(MechanismView.class), true);
    }

    /** This bot's result of a settled round. */
    public SeatResult result(String marketId, int round) {
        return call("GET", "/api/markets/" + marketId + "/rounds/" + round + "/result", null, null, type(SeatResult.class), true);
    }

    /** The market's leaderboard: for experimenters and admins at any time, for bots once the market has ended (403 before). */
    public List<LeaderboardRow> leaderboard(String marketId) {
        return call("GET", "/api/markets/" + marketId + "/leaderboard", null, null, list(LeaderboardRow.class), true);
    }

    /** A mechanism's ladder: the bots of its finished markets, rated, with their honesty gaps. */
    public io.agora.wire.LadderView ladder(String mechanism) {
        return call("GET", "/api/ladders/" + mechanism, null, null, type(io.agora.wire.LadderView.class), true);
    }

    /** The cluster as the node this client talks to sees it (admins). */
    public io.agora.wire.ClusterView cluster() {
        return call("GET", "/api/admin/cluster", null, null, type(io.agora.wire.ClusterView.class), true);
    }

    /** This bot's ledger entries. */
    public List<LedgerEntry> myLedger() {
        return call("GET", "/api/ledger/me", null, null, list(LedgerEntry.class), true);
    }

    /** A market's whole ledger (experimenters). */
    public List<LedgerEntry> marketLedger(String marketId) {
        return call("GET", "/api/markets/" + marketId + "/ledger", null, null, list(LedgerEntry.class), true);
    }

    /**
     * A market's dataset as it is served: JSON lines of {@link PreferenceRow}, the preference format DPO trainers read
     * (experimenters and admins).
     */
    public String datasetJsonLines(String marketId) {
        byte[] body = call("GET", "/api/markets/" + marketId + "/dataset", null, null, null, true);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A market's dataset, one row per preference pair. */
    public List<PreferenceRow> dataset(String marketId) {
        List<PreferenceRow> rows = new java.util.ArrayList<>();
        for (String line : datasetJsonLines(marketId).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    rows.add(JSON.readValue(line, PreferenceRow.class));
                } catch (IOException e) {
                    throw new UncheckedIOException("unexpected line in the dataset of " + marketId + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
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
        return sse("/api/markets/" + marketId + "/events", MarketEvent.class, listener);
    }

    /**
     * Follows this bot's rounds as they open (server-sent events): the current round first, then each new one, each
     * with this bot's private type. {@code listener} runs on the HTTP client's thread and must not block (submit
     * with {@link #submitAsync}). A view with {@link RoundView#over()} ends the market. Close the handle to hang up.
     */
    public AutoCloseable rounds(String marketId, Consumer<RoundView> listener) {
        return sse("/api/markets/" + marketId + "/rounds/stream", RoundView.class, listener);
    }

    private <T> AutoCloseable sse(String path, Class<T> type, Consumer<T> listener) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + token()).header("Accept", "text/event-stream").GET().build();
            EventSubscriber<T> subscriber = new EventSubscriber<>(type, listener);
            CompletableFuture<HttpResponse<Void>> done = http.sendAsync(request, info -> info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.fromLineSubscriber(subscriber)
                    : HttpResponse.BodySubscribers.replacing(null));
            // The status is known before the body: wait for the headers only.
            int status;
            try {
                status = subscriber.awaitStartOr(done);
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof IOException io ? new UnreachableException(who(), io) : e;
            }
            if (status == 200) {
                return subscriber::cancel;
            }
            if (status == 401 && attempt == 0) {
                tokens.invalidate();
                continue;
            }
            throw new AgoraException(problem(status, ""));
        }
    }

    /** Parses {@code data:} lines of a server-sent event stream. */
    private static final class EventSubscriber<T> implements java.util.concurrent.Flow.Subscriber<String> {
        private final Class<T> type;
        private final Consumer<T> listener;
        private final CompletableFuture<Void> started = new CompletableFuture<>();
        private volatile java.util.concurrent.Flow.Subscription subscription;

        EventSubscriber(Class<T> type, Consumer<T> listener) {
            this.type = type;
            this.listener = listener;
        }

        int awaitStartOr(CompletableFuture<HttpResponse<Void>> done) {
            CompletableFuture.anyOf(started, done).join();
            return started.isDone() ? 200 : done.join().statusCode();
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            started.complete(null);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                try {
                    listener.accept(JSON.readValue(line.substring(5).trim(), type));
                } catch (IOException e) {
                    subscription.cancel();
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            started.complete(null);
        }

        @Override
        public void onComplete() {
            started.complete(null);
        }
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

    private <T> T call(String method, String path, Object body, Map<String, String> headers, JavaType answer, boolean retry) {
        try {
            return this.<T>callAsync(method, path, body, headers, answer, retry).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** One request with the SDK's retry rules; completes on the HTTP client's thread. */
    private <T> CompletableFuture<T> callAsync(String method, String path, Object body, Map<String, String> headers, JavaType answer,
                                               boolean retry) {
        return attempt(method, path, body, headers, answer, retry, 1, false, 50);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> attempt(String method, String path, Object body, Map<String, String> headers, JavaType answer,
                                             boolean retry, int attempt, boolean reauthenticated, long backoff) {
        HttpRequest request;
        try {
            request = request(method, path, body, headers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof IOException && retry && attempt < ATTEMPTS) {
                    return later(backoff, () -> this.<T>attempt(method, path, body, headers, answer, retry, attempt + 1, reauthenticated, next(backoff)));
                }
                return CompletableFuture.<T>failedFuture(cause instanceof IOException io ? new UnreachableException(who(), io) : cause);
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated) {
                tokens.invalidate();
                return this.<T>attempt(method, path, body, headers, answer, retry, attempt, true, backoff);
            }
            if (retry && attempt < ATTEMPTS && (status == 429 || status == 502 || status == 503 || status == 504)) {
                return later(backoff, () -> this.<T>attempt(method, path, body, headers, answer, retry, attempt + 1, reauthenticated, next(backoff)));
            }
            if (status >= 400) {
                return CompletableFuture.<T>failedFuture(new AgoraException(problem(status, new String(response.body(), StandardCharsets.UTF_8))));
            }
            if (answer == null) {
                return CompletableFuture.completedFuture((T) response.body());
            }
            try {
                return CompletableFuture.completedFuture(JSON.<T>readValue(response.body(), answer));
            } catch (IOException e) {
                return CompletableFuture.<T>failedFuture(new UncheckedIOException("unexpected answer to " + method + " " + path + ": " + e.getMessage(), e));
            }
        }).thenCompose(f -> f);
    }

    private static <T> CompletableFuture<T> later(long millis, java.util.function.Supplier<CompletableFuture<T>> then) {
        long jittered = millis + (long) (Math.random() * millis);
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(jittered, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(x -> then.get());
    }

    private static long next(long backoff) {
        return Math.min(2_000, backoff * 2);
    }

    private HttpRequest request(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token());
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

    /** The gateway, for messages: its URL as the user gave it. */
    private String who() {
        String url = base.toString();
        return "the gateway at " + (url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * A token from the token source. In local mode the issuer is the gateway itself (same scheme, host and port), and
     * its failures are named after the gateway, whose URL the user gave, rather than after its token endpoint.
     */
    private String token() {
        try {
            return tokens.token();
        } catch (UnreachableException e) {
            throw ownIssuer() ? new UnreachableException(who(), e.getCause()) : e;
        } catch (TokenRequestException e) {
            throw ownIssuer() ? e.from("the gateway") : e;
        }
    }

    private boolean ownIssuer() {
        URI issuer = tokens instanceof io.agora.sdk.ClientCredentials c ? c.tokenUrl() : null;
        return issuer != null && base.getScheme().equalsIgnoreCase(issuer.getScheme()) && base.getPort() == issuer.getPort()
                && base.getHost() != null && base.getHost().equalsIgnoreCase(issuer.getHost());
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
