package io.agora.sdk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketView;
import io.agora.wire.RoundView;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code agora load}: real bots against a running gateway. It registers {@code bots} bots through this SDK, opens
 * markets of {@code seats} seats for them (lockstep: a round clears as soon as every seat reported), and lets every
 * bot wait for its round and submit its true type as fast as the platform answers: on plain sockets by default
 * ({@link SocketBots}, so that the load generator leaves the shared CPU to the gateway it measures), or through the
 * SDK's {@link AgoraClient} ({@code --transport sdk}). After a warm-up it counts
 * acknowledged (durable) reports and their latency for {@code seconds}, then prints one JSON line.
 */
final class LoadGenerator {
    private LoadGenerator() {
    }

    /** Runs the load through {@code nodes} (one gateway, or the nodes of one cluster: bot i talks to node i mod n). */
    static int run(List<URI> nodes, AgoraClient admin, int bots, int seconds, int seats, int warmup, boolean sockets,
                   java.io.PrintStream stdout, java.io.PrintStream err) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> markets = new ArrayList<>();
        List<Integer> marketOf = new ArrayList<>();
        for (int first = 0; first < bots; first += seats) {
            int size = Math.min(seats, bots - first);
            MarketView m = admin.createMarket(new MarketCreate("load-" + run + "-" + markets.size(), "affine-maximizer", Map.of("lambda", 1.0),
                    new double[] {1, 1, 1, 1}, size, 0, 10_000L, "truthful", null, 7L, null));
            markets.add(m.id());
            for (int i = 0; i < size; i++) {
                marketOf.add(markets.size() - 1);
            }
        }
        // One HTTP client (one selector thread) per core; bots share them round-robin.
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < Math.min(bots, Runtime.getRuntime().availableProcessors()); i++) {
            https.add(AgoraClient.defaultHttp());
        }
        List<AgoraClient> clients = new ArrayList<>();
        List<SocketBots.Bot> socketBots = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            io.agora.wire.ClientCredentials c = admin.createClient("load-" + run + "-" + i, "bot");
            HttpClient http = https.get(i % https.size());
            URI url = nodes.get(i % nodes.size());
            ClientCredentials tokens = new ClientCredentials(url.resolve("/oauth/token"), c.clientId(), c.clientSecret(), http);
            clients.add(new AgoraClient(url, tokens, http));
            socketBots.add(new SocketBots.Bot(url, tokens.token(), markets.get(marketOf.get(i))));
        }
        err.printf("load: %d bots in %d markets of up to %d seats, through %d node(s), %s; %d s warm-up, %d s measured%n", bots,
                markets.size(), seats, nodes.size(), sockets ? "on sockets" : "through the SDK's client", warmup, seconds);

        Window window = new Window();
        List<AutoCloseable> streams = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            clients.get(i).join(markets.get(marketOf.get(i)));
        }
        if (sockets) {
            streams.add(new SocketBots(socketBots, window));
        } else {
            for (int i = 0; i < bots; i++) {
                streams.add(play(clients.get(i), markets.get(marketOf.get(i)), window));
            }
        }
        Thread.sleep(warmup * 1000L);
        long start = System.nanoTime();
        window.open = true;
        Thread.sleep(seconds * 1000L);
        window.open = false;
        long elapsed = System.nanoTime() - start;
        window.stop = true;
        for (String m : markets) {
            admin.closeMarket(m);
        }
        for (AutoCloseable stream : streams) {
            stream.close();
        }
        long[] all = window.sortedLatencies();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportsPerSecond", Math.round(all.length / (elapsed / 1e9)));
        out.put("p50Millis", percentile(all, 0.50));
        out.put("p99Millis", percentile(all, 0.99));
        out.put("errors", window.errors.get());
        out.put("acknowledged", all.length);
        out.put("bots", bots);
        out.put("markets", markets.size());
        out.put("seats", seats);
        out.put("seconds", seconds);
        out.put("nodes", nodes.size());
        stdout.println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }

    /** The measuring window, shared by the bots, with the latencies of the reports acknowledged inside it. */
    private static final class Window implements SocketBots.Sink {
        volatile boolean open;
        volatile boolean stop;
        final AtomicLong errors = new AtomicLong();
        private long[] micros = new long[1 << 16];
        private int count;

        @Override
        public boolean counting() {
            return open;
        }

        @Override
        public void acknowledged(long micros) {
            record(micros);
        }

        @Override
        public void failed() {
            if (open) {
                errors.incrementAndGet();
            }
        }

        synchronized void record(long latencyMicros) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, 2 * count);
            }
            micros[count++] = latencyMicros;
        }

        synchronized long[] sortedLatencies() {
            long[] all = Arrays.copyOf(micros, count);
            Arrays.sort(all);
            return all;
        }
    }

    /**
     * One bot, without a thread of its own: it follows its round stream and answers each new round with its true type
     * through the SDK's asynchronous submit, so that the load generator's CPU goes to requests, not thread switches.
     */
    private static AutoCloseable play(AgoraClient client, String market, Window window) {
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger();
        return client.rounds(market, view -> {
            if (window.stop || !view.collecting() || view.reported() || view.round() <= last.get()) {
                return;
            }
            last.set(view.round());
            com.fasterxml.jackson.databind.node.ObjectNode body = view.type();
            long t0 = System.nanoTime();
            client.submitAsync(market, view.round(), body, "r" + view.round()).whenComplete((receipt, failure) -> {
                if (!window.open) {
                    return;
                }
                if (failure != null) {
                    window.errors.incrementAndGet();
                    return;
                }
                window.record((System.nanoTime() - t0) / 1000);
            });
        });
    }

    private static double percentile(long[] sortedMicros, double q) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sortedMicros.length - 1, Math.ceil(q * sortedMicros.length) - 1);
        return Math.round(sortedMicros[Math.max(0, i)] / 10.0) / 100.0;
    }
}
