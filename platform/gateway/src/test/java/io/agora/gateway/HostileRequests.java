package io.agora.gateway;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests over every endpoint, as a tester found them and more, with what each answer must
 * satisfy: no 5xx, problem JSON naming a field on every 4xx from {@code /api}, OAuth2 error JSON from the token
 * endpoint, and no Java type names or stack traces in any body. Run by {@link HostileInputTest} (in-process) and
 * {@link HostileInputIT} (the packaged gateway); a baseline market's state must be unchanged afterwards.
 */
final class HostileRequests {
    /** Java packages and stack-trace shapes that must never reach a client. */
    private static final Pattern LEAK = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.agora|io\\.quarkus|io\\.vertx|io\\.netty|io\\.smallrye|com\\.fasterxml|org\\.[a-z]+)\\.[a-z]+\\.?"
                    + "|Exception|\\tat |JsonToken|StreamReadConstraints|START_ARRAY|START_OBJECT");
    private final Supplier<RequestSpecification> http;
    private final Map<String, String> tokens;
    private final String market;
    private final List<String> failures = new ArrayList<>();
    private int sent;

    /**
     * @param http   a fresh request against the gateway
     * @param tokens tokens by role name: experimenter, botA, botB (both seated in {@code market}), stranger (a bot
     *               without a seat), admin
     * @param market the baseline market, with round 1 open
     */
    HostileRequests(Supplier<RequestSpecification> http, Map<String, String> tokens, String market) {
        this.http = http;
        this.tokens = tokens;
        this.market = market;
    }

    /** Sends every request; returns how many. Fails with every broken rule listed. */
    int run() {
        String m = "/api/markets/" + market;
        String b = tokens.get("botB");
        String x = tokens.get("experimenter");
        String admin = tokens.get("admin");
        String report = "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}";

        // Reports with bad bodies, as a seated bot (its seat must still have no report afterwards).
        for (String body : List.of("null", "", "[]", "\"x\"", "42", "true", "{", "}", "{}", "{\"rewards\":null,\"weight\":1}",
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"weight\":2}", "{\"rewards\":[\"0.2\",0.3,0.5],\"weight\":1}",
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":\"1\"}", "{\"rewards\":[0.2,0.3,0.5],\"weight\":true}",
                "{\"rewards\":\"abc\",\"weight\":1}", "{\"rewards\":{},\"weight\":1}", "{\"rewards\":[[0.2],0.3,0.5],\"weight\":1}",
                "{\"rewards\":[NaN,0.3,0.5],\"weight\":1}", "{\"rewards\":[Infinity,0.3,0.5],\"weight\":1}",
                "{\"rewards\":[1e999,0.3,0.5],\"weight\":1}", "{\"rewards\":[" + "1".repeat(2000) + ",0.3,0.5],\"weight\":1}",
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":1} trailing", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"agent\":\"x\"}",
                "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":-1}", "{\"rewards\":[-1,1,1],\"weight\":1}", "{\"rewards\":[0.2,0.3],\"weight\":1}",
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":1e300}", "{\"rewards\":[0.2,0.3,0.5],\"weight\":0.5}",
                "{\"ranking\":[1,2,\"3\"]}", "{\"bid\":\"1\"}", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"\u0000\":1}", "\u0000",
                "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}".replace("rewards", "r\\u0000ewards"))) {
            send(b, "POST", m + "/rounds/1/reports", "application/json", body, Map.of("Idempotency-Key", "h-" + sent));
        }
        // Bad headers and parameters on the report path.
        send(b, "POST", m + "/rounds/1/reports", "application/json", report, Map.of());
        send(b, "POST", m + "/rounds/1/reports", "application/json", report, Map.of("Idempotency-Key", "k".repeat(300)));
        send(b, "POST", m + "/rounds/1/reports", "text/xml", "<report/>", Map.of("Idempotency-Key", "xml"));
        send(b, "POST", m + "/rounds/1/reports", "application/x-www-form-urlencoded", "rewards=1", Map.of("Idempotency-Key", "form"));
        send(b, "POST", m + "/rounds/1/reports", null, report, Map.of("Idempotency-Key", "none"));
        send(b, "PUT", m + "/rounds/1/reports", "application/json", report, Map.of("Idempotency-Key", "put"));
        send(b, "DELETE", m + "/rounds/1/reports", null, null, Map.of());
        for (String round : List.of("abc", "2147483648", "-1", "1.5", "1e3", "%00", "0x1", "99999999999999999999", "%201", "%20")) {
            send(b, "POST", m + "/rounds/" + round + "/reports", "application/json", report, Map.of("Idempotency-Key", "r-" + sent));
            send(b, "GET", m + "/rounds/" + round + "/result", null, null, Map.of());
        }
        for (String query : List.of("after=abc", "after=-1", "after=1e3", "waitMillis=1e308", "waitMillis=-5", "waitMillis=99999999",
                "waitMillis=abc", "after=2147483648", "after=%00", "waitMillis=")) {
            send(b, "GET", m + "/rounds/current?" + query, null, null, Map.of());
        }
        // Market ids that do not exist or are malformed, on every market endpoint.
        for (String id : List.of("nope", "m-%00", "%00", "m-0000000000", "..%2F..%2Fetc%2Fpasswd", "a".repeat(3000), "m-%E2%80%8F")) {
            String p = "/api/markets/" + id;
            send(b, "GET", p, null, null, Map.of());
            send(b, "POST", p + "/seats", null, null, Map.of());
            send(b, "GET", p + "/rounds/current", null, null, Map.of());
            send(b, "POST", p + "/rounds/1/reports", "application/json", report, Map.of("Idempotency-Key", "id-" + sent));
            send(b, "GET", p + "/rounds/1/result", null, null, Map.of());
            send(x, "GET", p + "/ledger", null, null, Map.of());
            send(x, "GET", p + "/leaderboard", null, null, Map.of());
            send(x, "POST", p + "/close", null, null, Map.of());
            send(x, "GET", p + "/events", null, null, Map.of());
        }
        // Market creation with bad bodies.
        for (String body : List.of("null", "[]", "{}", "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":2.7}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":\"3\"}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"seats\":2}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"name\":\"" + "n".repeat(300) + "\"}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"name\":\"a\\u0000b\"}",
                "{\"mechanism\":\"affine-maximizer\",\"params\":{\"lambda\":1e-320},\"reference\":[1,1],\"seats\":1}",
                "{\"mechanism\":\"affine-maximizer\",\"params\":{\"lambda\":\"0.5\"},\"reference\":[1,1],\"seats\":1}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":" + ones(100_000) + ",\"seats\":1}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":" + ones(10_000) + ",\"seats\":10000}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"deadlineMillis\":1e20}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"rounds\":-1}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"seed\":1.5}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"types\":{\"minWeight\":5,\"maxWeight\":1}}",
                "{\"mechanism\":\"../../evil\",\"reference\":[1,1],\"seats\":1}", "{\"mechanism\":[],\"reference\":[1,1],\"seats\":1}",
                "{\"mechanism\":\"affine-maximizer\",\"reference\":[0,0],\"seats\":1}")) {
            send(x, "POST", "/api/markets", "application/json", body, Map.of());
        }
        for (String query : List.of("limit=0", "limit=abc", "limit=100000", "offset=-1", "offset=1e9", "limit=1.5")) {
            send(b, "GET", "/api/markets?" + query, null, null, Map.of());
        }
        // Admin clients.
        for (String body : List.of("null", "[]", "{}", "{\"name\":\"a\\u0000\",\"role\":\"bot\"}", "{\"name\":\"" + "c".repeat(300) + "\",\"role\":\"bot\"}",
                "{\"name\":\"ok-name\",\"role\":\"root\"}", "{\"name\":\"ok-name\",\"role\":1}", "{\"name\":1,\"role\":\"bot\"}",
                "{\"name\":\"ok-name\",\"role\":\"bot\",\"extra\":1}", "{\"name\":\"ok\",\"name\":\"ok2\",\"role\":\"bot\"}")) {
            send(admin, "POST", "/api/admin/clients", "application/json", body, Map.of());
        }
        // Experiments.
        for (String id : List.of("e%00", "e-%00", "nope", "e-0000000000", "a".repeat(2000))) {
            send(x, "GET", "/api/experiments/" + id, null, null, Map.of());
            send(x, "GET", "/api/experiments/" + id + "/files/summary.json", null, null, Map.of());
            send(x, "DELETE", "/api/experiments/" + id, null, null, Map.of());
        }
        for (String name : List.of("summary.json%00.png", "..%2F..%2Fpasswd", "%00", "a".repeat(500))) {
            send(x, "GET", "/api/experiments/e-0000000000/files/" + name, null, null, Map.of());
        }
        for (String body : List.of("null", "[]", "{}", "name: [", "- - -", "name: x\nmechanism: affine-maximizer\noutcomes: 10000000\nsamples: 1\nrounds: 1\n"
                + "population:\n  - {name: g, count: 1000000, strategy: truthful}\n", "name: \"" + "n".repeat(300) + "\"\n",
                "name: \"a\\0b\"\nmechanism: affine-maximizer\noutcomes: 3\nsamples: 1\nrounds: 1\npopulation:\n  - {name: g, count: 2, strategy: truthful}\n",
                "samples: 100000000\nrounds: 1000000\nname: y\nmechanism: affine-maximizer\noutcomes: 3\npopulation:\n  - {name: g, count: 2, strategy: truthful}\n",
                "&a [*a, *a]", "{\"name\":\"x\",\"name\":\"y\"}")) {
            send(x, "POST", "/api/experiments", "application/yaml", body, Map.of());
        }
        // Tokens and identities.
        for (String auth : List.of("Bearer", "Bearer ", "Bearer abc.def.ghi", "Bearer " + "a".repeat(5000), "Basic !!!", "Bearer eyJhbGciOiJub25lIn0.e30.",
                "bearer " + tokens.get("botA").substring(0, tokens.get("botA").length() - 4) + "AAAA")) {
            sendRaw("GET", m, null, null, Map.of("Authorization", auth));
        }
        send(tokens.get("stranger"), "GET", m + "/rounds/current", null, null, Map.of());
        send(tokens.get("stranger"), "POST", m + "/rounds/1/reports", "application/json", report, Map.of("Idempotency-Key", "s"));
        send(tokens.get("stranger"), "GET", m + "/leaderboard", null, null, Map.of());
        send(b, "GET", m + "/ledger", null, null, Map.of());
        send(b, "POST", "/api/markets", "application/json", "{}", Map.of());
        send(b, "POST", m + "/close", null, null, Map.of());
        send(b, "GET", "/api/admin/clients", null, null, Map.of());
        // The token endpoint.
        for (String form : List.of("", "grant_type=client_credentials", "grant_type=client_credentials&client_id=%zz&client_secret=x",
                "grant_type=client_credentials&client_id=%00&client_secret=x", "grant_type=client_credentials&client_id=" + "a".repeat(100_000),
                "grant_type=implicit&client_id=a&client_secret=b", "&&&&", "=", "grant_type")) {
            sendRaw("POST", "/oauth/token", "application/x-www-form-urlencoded", form, Map.of());
        }
        sendRaw("POST", "/oauth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials", Map.of("Authorization", "Basic !!!"));
        sendRaw("POST", "/oauth/token", "application/json", "{\"grant_type\":\"client_credentials\"}", Map.of());
        // Size limits answered as problem JSON.
        sendRaw("GET", "/api/markets?x=" + "a".repeat(10_000), null, null, Map.of("Authorization", "Bearer " + b));
        sendRaw("GET", "/api/markets", null, null, Map.of("Authorization", "Bearer " + b, "X-Big", "h".repeat(40_000)));
        send(b, "POST", m + "/rounds/1/reports", "application/json", "{\"rewards\":[" + "0.1,".repeat(100_000) + "0.1],\"weight\":1}",
                Map.of("Idempotency-Key", "huge"));
        send(x, "GET", "/api/no-such-endpoint", null, null, Map.of());
        send(x, "PATCH", "/api/markets", "application/json", "{}", Map.of());

        assertThat(failures).as("broken rules").isEmpty();
        return sent;
    }

    private void send(String token, String method, String path, String contentType, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        sendRaw(method, path, contentType, body, all);
    }

    private void sendRaw(String method, String path, String contentType, String body, Map<String, String> headers) {
        sent++;
        RequestSpecification request = http.get().urlEncodingEnabled(false).headers(headers).config(Api.rawBodies());
        if (contentType != null) {
            request = request.contentType(contentType + (contentType.contains("charset") ? "" : "; charset=UTF-8"));
        }
        if (body != null) {
            request = request.body(body.getBytes(StandardCharsets.UTF_8));
        }
        Response response;
        try {
            response = request.request(method, path);
        } catch (RuntimeException e) {
            failures.add(method + " " + cut(path) + " -> no answer: " + e);
            return;
        }
        check(method + " " + cut(path), response);
    }

    private void check(String what, Response response) {
        int status = response.statusCode();
        String text = response.asString();
        if (status >= 500) {
            failures.add(what + " -> " + status + " " + cut(text));
        }
        if (LEAK.matcher(text).find()) {
            failures.add(what + " -> a Java type or stack trace in the body: " + cut(text));
        }
        if (status >= 400 && what.contains(" /api")) {
            String type = response.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                failures.add(what + " -> " + status + " without problem JSON: " + type + " " + cut(text));
            } else if (response.jsonPath().getString("field") == null || response.jsonPath().getString("detail") == null) {
                failures.add(what + " -> " + status + " problem without field or detail: " + cut(text));
            }
        }
        if (status >= 400 && what.contains(" /oauth") && !text.contains("\"error\"")) {
            failures.add(what + " -> " + status + " without OAuth2 error JSON: " + cut(text));
        }
    }

    private static String ones(int n) {
        return "[" + "1,".repeat(n - 1) + "1]";
    }

    private static String cut(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
