package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.AgoraClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged gateway as a separate process, as {@code agora serve} runs it: for tests that stop it hard and
 * start it again, or point it at another identity provider.
 */
final class GatewayProcess implements AutoCloseable {
    final int port;
    final Path data;
    final Path log;
    private final Process process;

    private GatewayProcess(int port, Path data, Path log, Process process) {
        this.port = port;
        this.data = data;
        this.log = log;
        this.process = process;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the gateway on a free port with {@code data} and waits until it is healthy. */
    static GatewayProcess start(Path data, int port, String... extra) throws Exception {
        return start(data, port, Path.of(System.getProperty("agora.plugins.dir")), extra);
    }

    /** The same with the plugins of {@code plugins}. */
    static GatewayProcess start(Path data, int port, Path plugins, String... extra) throws Exception {
        return start(data, port, plugins, java.util.Map.of(), extra);
    }

    /** The same with environment variables of its own (Quarkus reads settings from them: AGORA_CLUSTER_STABLE_AFTER). */
    static GatewayProcess start(Path data, int port, Path plugins, java.util.Map<String, String> env, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dagora.plugins.dir=" + plugins, "-Djava.io.tmpdir=" + data.getParent(),
                "-jar", System.getProperty("agora.gateway.jar"), "--data", data.toString(), "--port", Integer.toString(port)));
        cmd.addAll(List.of(extra));
        Path log = data.resolveSibling(data.getFileName() + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // PyTorch's native libraries unpack once for the whole build, not once per gateway's data folder.
        String djlCache = System.getProperty("DJL_CACHE_DIR");
        if (djlCache != null) {
            builder.environment().put("DJL_CACHE_DIR", djlCache);
        }
        builder.environment().putAll(env);
        Process p = builder.start();
        GatewayProcess g = new GatewayProcess(port, data, log, p);
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(g.url().resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return g;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        g.kill();
        throw new IllegalStateException("the gateway was not ready in 90 s; see " + log);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** A client signed in as the local admin (credentials from the data folder). */
    AgoraClient admin() throws IOException {
        JsonNode creds = new ObjectMapper().readTree(data.resolve("admin-credentials.json").toFile());
        return AgoraClient.local(url(), creds.get("clientId").asText(), creds.get("clientSecret").asText());
    }

    /** Stops the JVM at once (SIGKILL): no shutdown hooks, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
