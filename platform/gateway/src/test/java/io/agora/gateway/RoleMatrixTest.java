package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * Every endpoint against every kind of caller: anonymous callers get 401, callers without the role 403, and callers
 * with it anything but 401/403. Then what one bot may see of another: nothing.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String market;
    private String experiment;

    @BeforeEach
    void callers() {
        if (market != null) {
            return; // once per class; RestAssured knows the port only from the first test on
        }
        tokens.put("anonymous", null);
        tokens.put("botA", Api.client("bot"));
        tokens.put("botB", Api.client("bot"));
        tokens.put("experimenter", Api.client("experimenter"));
        tokens.put("admin", Api.admin());
        market = Api.market(tokens.get("experimenter"), 2, 0, 60_000);
        Api.join(tokens.get("botA"), market);
        Api.join(tokens.get("botB"), market);
        experiment = as(tokens.get("experimenter")).contentType("application/yaml").body(TINY_EXPERIMENT.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/experiments").then().statusCode(202).extract().path("id");
    }

    static final String TINY_EXPERIMENT = """
            name: tiny
            mechanism: affine-maximizer
            params: {lambda: 1.0}
            outcomes: 3
            samples: 2
            rounds: 1
            seed: 1
            population:
              - {name: g, count: 2, strategy: truthful}
            """;

    private record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    private List<Endpoint> endpoints() {
        String m = "/api/markets/" + market;
        Set<String> everyone = Set.of("botA", "botB", "experimenter", "admin");
        Set<String> bots = Set.of("botA", "botB");
        Set<String> runners = Set.of("experimenter", "admin");
        List<Endpoint> list = new ArrayList<>();
        list.add(new Endpoint("POST", "/api/markets", "{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1}", runners));
        list.add(new Endpoint("GET", "/api/markets", null, everyone));
        list.add(new Endpoint("GET", m, null, everyone));
        list.add(new Endpoint("POST", "/api/markets/none/close", null, runners));
        list.add(new Endpoint("POST", m + "/seats", null, bots));
        list.add(new Endpoint("GET", m + "/rounds/current", null, bots));
        list.add(new Endpoint("POST", m + "/rounds/99/reports", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}", bots));
        list.add(new Endpoint("GET", m + "/rounds/1/result", null, bots));
        list.add(new Endpoint("GET", m + "/ledger", null, runners));
        list.add(new Endpoint("GET", m + "/leaderboard", null, runners)); // bots: once the market has ended (PrivacyTest)
        list.add(new Endpoint("GET", "/api/ledger/me", null, bots));
        list.add(new Endpoint("POST", "/api/admin/clients", "{\"name\":\"x\",\"role\":\"nope\"}", Set.of("admin")));
        list.add(new Endpoint("GET", "/api/admin/clients", null, Set.of("admin")));
        list.add(new Endpoint("POST", "/api/experiments", "name: [", runners));
        list.add(new Endpoint("GET", "/api/experiments", null, runners));
        list.add(new Endpoint("GET", "/api/experiments/" + experiment, null, runners));
        list.add(new Endpoint("GET", "/api/experiments/" + experiment + "/files/summary.json", null, runners));
        return list;
    }

    @Test
    void everyEndpointAnswersEveryCallerByRole() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                var request = as(caller.getValue()).header("Idempotency-Key", "matrix-" + caller.getKey());
                if (e.body() != null) {
                    request = request.contentType(e.path().contains("experiments") ? "application/yaml" : "application/json")
                            .body(e.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                Response response = request.request(e.method(), e.path());
                int status = response.statusCode();
                boolean ok = caller.getValue() == null ? status == 401
                        : e.allowed().contains(caller.getKey()) ? status != 401 && status != 403 : status == 403;
                if (!ok) {
                    wrong.add(e.method() + " " + e.path() + " as " + caller.getKey() + " -> " + status);
                }
                if (status == 401 || status == 403) {
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aBotSeesOnlyItsOwnSeatTypeAndLedger() {
        String botA = tokens.get("botA");
        String botB = tokens.get("botB");
        Api.awaitRound(botA, market, 0);
        String seatA = as(botA).post("/api/markets/" + market + "/seats").then().extract().path("seat");
        String seatB = as(botB).post("/api/markets/" + market + "/seats").then().extract().path("seat");
        assertThat(seatA).isNotEqualTo(seatB);
        List<Float> typeA = as(botA).get("/api/markets/" + market + "/rounds/current").then().extract().path("type.rewards");
        List<Float> typeB = as(botB).get("/api/markets/" + market + "/rounds/current").then().extract().path("type.rewards");
        assertThat(typeA).isNotEqualTo(typeB);
        // B reports; A's view shows only A's state: it has not reported.
        Api.report(botB, market, 1, "b-1", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201).body("seat", equalTo(seatB));
        as(botA).get("/api/markets/" + market + "/rounds/current").then().body("reported", equalTo(false));
        as(botB).get("/api/markets/" + market + "/rounds/current").then().body("reported", equalTo(true));
        // The public event stream and the market view carry no private data.
        String view = as(botA).get("/api/markets/" + market).then().statusCode(200).extract().asString();
        assertThat(view).doesNotContain("rewards").doesNotContain("payment");
        as(botB).get("/api/ledger/me").then().statusCode(200).body("account", everyItem(equalTo("bot:" + clientName(botB))));
    }

    private static String clientName(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"azp\":\"([^\"]+)\".*", "$1");
    }
}
