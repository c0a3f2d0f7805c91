package io.agora.gateway.boot;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed nodes from a fake Kubernetes API: the pods listing as the API serves it. */
class KubernetesSeedsTest {

    private static HttpServer api(int status, String body, AtomicReference<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Path account(Path dir) throws IOException {
        Files.writeString(dir.resolve("namespace"), "agora\n");
        Files.writeString(dir.resolve("token"), "tok\n");
        return dir;
    }

    @Test
    void theRunningPodsOfTheLabelOldestNameFirstAreTheSeeds(@TempDir Path dir) throws Exception {
        String pods = """
                {"items": [
                  {"metadata": {"name": "agora-gateway-2"}, "status": {"phase": "Running", "podIP": "10.0.0.12"}},
                  {"metadata": {"name": "agora-gateway-0"}, "status": {"phase": "Running", "podIP": "10.0.0.10"}},
                  {"metadata": {"name": "agora-gateway-1"}, "status": {"phase": "Pending"}},
                  {"metadata": {"name": "agora-gateway-3", "deletionTimestamp": "2026-12-01T00:00:00Z"}, "status": {"phase": "Running", "podIP": "10.0.0.13"}}
                ]}""";
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = api(200, pods, seen);
        try {
            List<String> seeds = KubernetesSeeds.find("http://127.0.0.1:" + server.getAddress().getPort(), account(dir), "app=agora-gateway", 25520);
            assertThat(seeds).containsExactly("10.0.0.10:25520", "10.0.0.12:25520");
            assertThat(seen.get()).isEqualTo("/api/v1/namespaces/agora/pods?labelSelector=app%3Dagora-gateway Bearer tok");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusalSaysWhatToCheck(@TempDir Path dir) throws Exception {
        HttpServer server = api(403, "{}", new AtomicReference<>());
        try {
            assertThatThrownBy(() -> KubernetesSeeds.find("http://127.0.0.1:" + server.getAddress().getPort(), account(dir), "app=x", 1))
                    .hasMessageContaining("403").hasMessageContaining("rbac.yaml");
        } finally {
            server.stop(0);
        }
    }
}
