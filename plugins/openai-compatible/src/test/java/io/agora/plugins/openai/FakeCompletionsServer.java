package io.agora.plugins.openai;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an OpenAI-compatible server, inside the test (no real vLLM, llama.cpp or Ollama can run here). It
 * speaks {@code POST /v1/completions} as vLLM does: tokens are runs of non-spaces with their trailing spaces, a token's
 * log-probability is −0.1 per character of its word, an echoed prompt's first token has none, and the one generated
 * token is "!" at −1. Sampled replies are " reply-SEED-i" with token log-probabilities (−0.5, −0.25).
 */
final class FakeCompletionsServer implements AutoCloseable {
    final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    /** Answers 503 to this many requests before answering normally. */
    final AtomicInteger unavailable = new AtomicInteger();
    /** When set, every request is answered 400 with this message. */
    volatile String refuse;
    private final HttpServer server;

    FakeCompletionsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(body);
            int status = 200;
            String answer;
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                answer = "busy";
            } else if (refuse != null) {
                status = 400;
                answer = Json.write(Map.of("error", Map.of("message", refuse)));
            } else {
                answer = Json.write(Boolean.TRUE.equals(body.get("echo")) ? echo((String) body.get("prompt")) : sample(body));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Map<String, Object> sample(Map<String, Object> body) {
        int n = ((Double) body.get("n")).intValue();
        long seed = ((Double) body.get("seed")).longValue();
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            choices.add(Map.of("text", " reply-" + seed + "-" + i, "logprobs", Map.of("token_logprobs", List.of(-0.5, -0.25))));
        }
        return Map.of("choices", choices);
    }

    private static Map<String, Object> echo(String prompt) {
        List<Object> offsets = new ArrayList<>();
        List<Object> logProbs = new ArrayList<>();
        int i = 0;
        while (i < prompt.length()) {
            int start = i;
            while (i < prompt.length() && prompt.charAt(i) != ' ') {
                i++;
            }
            int wordLength = i - start;
            while (i < prompt.length() && prompt.charAt(i) == ' ') {
                i++;
            }
            offsets.add((double) start);
            logProbs.add(start == 0 ? null : -0.1 * wordLength);
        }
        offsets.add((double) prompt.length());
        logProbs.add(-1.0);
        Map<String, Object> lp = new LinkedHashMap<>();
        lp.put("token_logprobs", logProbs);
        lp.put("text_offset", offsets);
        return Map.of("choices", List.of(Map.of("text", prompt + "!", "logprobs", lp)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
