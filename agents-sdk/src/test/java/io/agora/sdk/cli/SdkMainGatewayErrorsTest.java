package io.agora.sdk.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SDK commands print when the gateway refuses, cannot be reached, or has nothing to play: one line on
 * stderr and the documented exit code, never a stack trace. A fake gateway answers with canned JSON.
 */
class SdkMainGatewayErrorsTest {
    private static final String REFUSED = "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}";
    private static final String TOKEN = "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    private static final String SEAT = "{\"marketId\":\"m-1\",\"seat\":\"m-1-s1\",\"index\":1,\"bot\":\"alice\"}";

    /** Canned answers by method and path (without query): status and JSON body. */
    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    private HttpServer server;

    record Result(int code, String out, String err) {
    }

    /** Runs the command line with captured streams. */
    static Result agora(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SdkMain.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String gateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Object[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new Object[] {404, "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no such thing\"}"});
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((int) answer[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void oneLine(Result r, int code, String line) {
        assertThat(r.err()).as("stderr").isEqualTo(line + System.lineSeparator());
        assertThat(r.code()).isEqualTo(code);
    }

    private static Path adminFile(Path dir) throws IOException {
        Files.writeString(dir.resolve("admin-credentials.json"), "{\"clientId\":\"admin\",\"clientSecret\":\"stale\"}");
        return dir;
    }

    @Test
    void refusedCredentialsAreOneLineAndExitTwoInEveryCommand(@TempDir Path data) throws IOException {
        answers.put("POST /oauth/token", new Object[] {401, REFUSED});
        String url = gateway();
        oneLine(agora("bot", "run", "--url", url, "--market", "m-1", "--client-id", "alice", "--secret", "wrong"), 2,
                "error: the gateway refused the credentials of client 'alice' (invalid_client: unknown client or wrong secret)");
        String admin = "error: the gateway refused the credentials of client 'admin' (invalid_client: unknown client or wrong secret)";
        String dir = adminFile(data).toString();
        oneLine(agora("bots", "create", "bob", "--url", url, "--data", dir), 2, admin);
        oneLine(agora("markets", "create", "--url", url, "--data", dir), 2, admin);
        oneLine(agora("load", "--url", url, "--data", dir, "--bots", "1", "--seconds", "1"), 2, admin);
    }

    /** {@code agora markets dataset} saves the market's JSON lines as served, or prints them; a refusal is one line. */
    @Test
    void aMarketsDatasetIsSavedAsItsJsonLines(@TempDir Path data) throws IOException {
        String lines = "{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\",\"weight\":1.1,\"round\":1}\n"
                + "{\"prompt\":\"q\",\"chosen\":\"c\",\"rejected\":\"a\",\"weight\":0.9,\"round\":2}\n";
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("GET /api/markets/m-1/dataset", new Object[] {200, lines});
        String url = gateway();
        String dir = adminFile(data).toString();
        Path file = data.resolve("pairs.jsonl");
        Result saved = agora("markets", "dataset", "m-1", "--url", url, "--data", dir, "--out", file.toString());
        assertThat(saved.code()).as(saved.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(lines);
        assertThat(saved.err()).isEqualTo("2 preference pairs written to " + file + System.lineSeparator());
        Result printed = agora("markets", "dataset", "m-1", "--url", url, "--data", dir);
        assertThat(printed.out()).isEqualTo(lines);
        answers.put("GET /api/markets/m-2/dataset", new Object[] {404, "{\"status\":404,\"title\":\"Not Found\",\"field\":\"marketId\","
                + "\"detail\":\"No market with this id\"}"});
        Result missing = agora("markets", "dataset", "m-2", "--url", url, "--data", dir);
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err().lines().count()).isEqualTo(1);
        assertThat(agora("markets", "dataset", "--url", url, "--data", dir).err()).contains("usage: agora markets dataset MARKET");
    }

    @Test
    void timesArePrintedAsIsoText(@TempDir Path data) throws IOException {
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("POST /api/markets", new Object[] {201, "{\"id\":\"m-1\",\"mechanism\":\"affine-maximizer\",\"seats\":2,"
                + "\"createdAt\":\"2026-12-01T10:00:00.123Z\"}"});
        Result r = agora("markets", "create", "--url", gateway(), "--data", adminFile(data).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"createdAt\" : \"2026-12-01T10:00:00.123Z\"");
    }

    @Test
    void anExternalTokenEndpointIsNamedByItsUrl() throws IOException {
        answers.put("POST /realms/agora/token", new Object[] {400, "{\"error\":\"unauthorized_client\"}"});
        String url = gateway();
        oneLine(agora("bot", "run", "--url", "http://127.0.0.1:9", "--token-url", url + "/realms/agora/token", "--market", "m-1",
                        "--client-id", "alice", "--secret", "wrong"), 2,
                "error: the token endpoint at " + url + "/realms/agora/token refused the credentials of client 'alice' (unauthorized_client)");
    }

    @Test
    void anUnreachableGatewayNamesItsUrlAndTheReason(@TempDir Path data) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        String line = "error: the gateway at " + url + " cannot be reached (connection refused)";
        oneLine(agora("bot", "run", "--url", url, "--market", "m-1", "--client-id", "alice", "--secret", "s"), 1, line);
        oneLine(agora("bots", "create", "bob", "--url", url + "/", "--data", adminFile(data).toString()), 1, line);
    }

    @Test
    void aFinishedMarketSaysSoAndExitsOne() throws IOException {
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("POST /api/markets/m-1/seats", new Object[] {200, SEAT});
        answers.put("GET /api/markets/m-1/rounds/current", new Object[] {200, "{\"marketId\":\"m-1\",\"round\":3,\"phase\":\"finished\"}"});
        Result r = agora("bot", "run", "--url", gateway(), "--market", "m-1", "--client-id", "alice", "--secret", "s");
        oneLine(r, 1, "error: market m-1 has finished before this bot played any round; nothing to play");
        assertThat(r.out()).contains("\"ended\" : \"finished\"").contains("\"reports\" : 0").doesNotContain("nothingPlayed");
    }

    @Test
    void aClosedMarketThatRefusesTheSeatSaysSo() throws IOException {
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("POST /api/markets/m-1/seats", new Object[] {409,
                "{\"status\":409,\"title\":\"Conflict\",\"field\":\"marketId\",\"detail\":\"market m-1 is closed\"}"});
        answers.put("GET /api/markets/m-1", new Object[] {200, "{\"id\":\"m-1\",\"phase\":\"closed\",\"round\":2}"});
        Result r = agora("bot", "run", "--url", gateway(), "--market", "m-1", "--client-id", "alice", "--secret", "s");
        oneLine(r, 1, "error: market m-1 was closed before this bot played any round; nothing to play");
        assertThat(r.out()).contains("\"ended\" : \"closed\"");
    }

    @Test
    void aFullMarketIsAConflictNotBadInput() throws IOException {
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("POST /api/markets/m-1/seats", new Object[] {409,
                "{\"status\":409,\"title\":\"Conflict\",\"field\":\"marketId\",\"detail\":\"market m-1 is full (2 seats)\"}"});
        answers.put("GET /api/markets/m-1", new Object[] {200, "{\"id\":\"m-1\",\"phase\":\"collecting\",\"round\":1}"});
        oneLine(agora("bot", "run", "--url", gateway(), "--market", "m-1", "--client-id", "alice", "--secret", "s"), 1,
                "error: the gateway refused the request (HTTP 409): marketId: market m-1 is full (2 seats)");
    }

    @Test
    void anUnknownMarketIsBadInput() throws IOException {
        answers.put("POST /oauth/token", new Object[] {200, TOKEN});
        answers.put("POST /api/markets/m-9/seats", new Object[] {404,
                "{\"status\":404,\"title\":\"Not Found\",\"field\":\"marketId\",\"detail\":\"no market m-9\"}"});
        oneLine(agora("bot", "run", "--url", gateway(), "--market", "m-9", "--client-id", "alice", "--secret", "s"), 2,
                "error: the gateway refused the request (HTTP 404): marketId: no market m-9");
    }
}
