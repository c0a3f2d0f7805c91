package io.agora.sdk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.ClientCredentials;
import io.agora.sdk.wire.MarketCreate;
import io.agora.sdk.wire.MarketView;
import io.agora.sdk.wire.ReportBody;
import io.agora.sdk.wire.RoundView;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code agora load}: real bots, through this SDK, against a running gateway. It registers {@code bots} bots, opens
 * markets of {@code seats} seats for them (lockstep: a round clears as soon as every seat reported), and lets every
 * bot wait for its round and submit its true type as fast as the platform answers. After a warm-up it counts
 * acknowledged (durable) reports and their latency for {@code seconds}, then prints one JSON line.
 */
final class LoadGenerator {
    private LoadGenerator() {
    }

    static int run(URI url, AgoraClient admin, int bots, int seconds, int seats, int warmup) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> markets = new ArrayList<>();
        List<Integer> marketOf = new ArrayList<>();
        for (int first = 0; first < bots; first += seats) {
            int size = Math.min(seats, bots - first);
            MarketView m = admin.createMarket(new MarketCreate("load-" + run + "-" + markets.size(), "affine-maximizer", Map.of("lambda", 1.0),
                    new double[] {1, 1, 1, 1}, size, 0, 10_000L, "truthful", null, 7L));
            markets.add(m.id());
            for (int i = 0; i < size; i++) {
                marketOf.add(markets.size() - 1);
            }
        }
        HttpClient http = AgoraClient.defaultHttp();
        List<AgoraClient> clients = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            io.agora.sdk.wire.ClientCredentials c = admin.createClient("load-" + run + "-" + i, "bot");
            clients.add(new AgoraClient(url, new ClientCredentials(url.resolve("/oauth/token"), c.clientId(), c.clientSecret(), http), http));
        }
        System.err.printf("load: %d bots in %d markets of up to %d seats; %d s warm-up, %d s measured%n", bots, markets.size(), seats, warmup, seconds);

        Window window = new Window();
        List<Thread> threads = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            AgoraClient client = clients.get(i);
            String market = markets.get(marketOf.get(i));
            Thread t = new Thread(() -> play(client, market, window, mine), "bot-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        long start = System.nanoTime();
        window.open = true;
        Thread.sleep(seconds * 1000L);
        window.open = false;
        long elapsed = System.nanoTime() - start;
        window.stop = true;
        for (Thread t : threads) {
            t.join(30_000);
        }
        for (String m : markets) {
            admin.closeMarket(m);
        }
        long[] all = merge(latencies, window);
        Arrays.sort(all);
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
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }

    /** The measuring window, shared by the bots. */
    private static final class Window {
        volatile boolean open;
        volatile boolean stop;
        final AtomicLong errors = new AtomicLong();
        final Map<long[], Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private static void play(AgoraClient client, String market, Window window, long[] latencies) {
        int n = 0;
        try {
            client.join(market);
        } catch (RuntimeException e) {
            window.errors.incrementAndGet();
            return;
        }
        int last = 0;
        while (!window.stop) {
            try {
                RoundView view = client.awaitRound(market, last, java.time.Duration.ofSeconds(2));
                if (!view.collecting() || view.round() <= last || view.reported()) {
                    last = Math.max(last, view.reported() ? view.round() : last);
                    continue;
                }
                ReportBody body = ReportBody.ofRewards(view.type().rewards(), view.type().weight());
                long t0 = System.nanoTime();
                client.submit(market, view.round(), body, "r" + view.round());
                long micros = (System.nanoTime() - t0) / 1000;
                if (window.open && n < latencies.length) {
                    latencies[n++] = micros;
                }
                last = view.round();
            } catch (RuntimeException e) {
                if (window.open) {
                    window.errors.incrementAndGet();
                }
            }
        }
        window.counts.put(latencies, n);
    }

    private static long[] merge(List<long[]> latencies, Window window) {
        int total = 0;
        for (long[] l : latencies) {
            total += window.counts.getOrDefault(l, 0);
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] l : latencies) {
            int n = window.counts.getOrDefault(l, 0);
            System.arraycopy(l, 0, all, at, n);
            at += n;
        }
        return all;
    }

    private static double percentile(long[] sortedMicros, double q) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sortedMicros.length - 1, Math.ceil(q * sortedMicros.length) - 1);
        return Math.round(sortedMicros[Math.max(0, i)] / 10.0) / 100.0;
    }
}
