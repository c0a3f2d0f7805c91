package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report hot path ({@link io.agora.gateway.market.ReportRoute}) answers as the documented JAX-RS endpoint does. Each report below is sent
 * twice to the same seat and round: once as bots send reports (taken by the route, as its counter shows) and once with
 * an {@code Accept} header the route leaves to JAX-RS; both must get the same status and the same JSON.
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReportRouteTest {
    private static final UnaryOperator<RequestSpecification> HOT = spec -> spec;
    private static final UnaryOperator<RequestSpecification> JAX_RS = spec -> spec.header("Accept", "application/json, text/plain");

    @Test
    void theHotPathAndJaxRsAnswerAlike() {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String other = Api.client("bot");
        String market = Api.market(experimenter, 2, 0, 60_000);
        Api.join(bot, market);
        Api.join(other, market);
        Api.awaitRound(bot, market, 0);

        double before = hotPathCount();
        same(bot, market, "1", "k-malformed", "{\"rewards\":[0.2,0.3", 400);
        same(bot, market, "1", "k-unknown", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"x\":2}", 400);
        same(bot, market, "1", "k-length", "{\"rewards\":[0.5,0.5],\"weight\":1}", 422);
        same(bot, market, "1", "", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}", 400);
        same(bot, market, "7", "k-round", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}", 409);
        same(bot, market, "9999999999", "k-big", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}", 400);
        same(bot, market, "1", "k-empty", "", 400);
        // Stored by the first, a no-op retry for the second: both answer the receipt, 201 then 200.
        Response stored = send(HOT, bot, market, "1", "k-ok", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}");
        Response retried = send(JAX_RS, bot, market, "1", "k-ok", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}");
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.jsonPath().getMap("")).isEqualTo(withDuplicate(stored.jsonPath().getMap(""), true));
        assertThat(stored.contentType()).isEqualTo(retried.contentType());
        Response again = send(HOT, bot, market, "1", "k-ok", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).isEqualTo(retried.asString());
        // The same key for a different report: 409 either way.
        same(bot, market, "1", "k-ok", "{\"rewards\":[0.5,0.3,0.2],\"weight\":1}", 409);

        // Ten requests went through the route (one of each pair, the receipt and its second retry); none was left to JAX-RS by mistake.
        assertThat(hotPathCount() - before).isEqualTo(10);
        // A seat that is not the caller's is not the route's: another bot's market is unknown to it, and JAX-RS answers.
        String stranger = Api.client("bot");
        assertThat(send(HOT, stranger, market, "1", "k-s", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").statusCode()).isEqualTo(404);
        assertThat(hotPathCount() - before).isEqualTo(10);
    }

    @Test
    void theHttpMetricsNameTheTemplateNotEachMarketAndRound() {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String market = Api.market(experimenter, 1, 0, 60_000);
        Api.join(bot, market);
        Api.awaitRound(bot, market, 0);
        send(HOT, bot, market, "1", "k-metrics", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uri=\"/api/markets/{id}/rounds/{round}/reports\"").doesNotContain("uri=\"/api/markets/" + market);
    }

    private static void same(String bot, String market, String round, String key, String body, int status) {
        Response hot = send(HOT, bot, market, round, key, body);
        Response jaxRs = send(JAX_RS, bot, market, round, key, body);
        assertThat(hot.statusCode()).as(body).isEqualTo(status);
        assertThat(jaxRs.statusCode()).as(body).isEqualTo(status);
        assertThat(hot.asString()).as(body).isEqualTo(jaxRs.asString());
        assertThat(hot.contentType()).isEqualTo(jaxRs.contentType());
    }

    private static Response send(UnaryOperator<RequestSpecification> how, String bot, String market, String round, String key,
                                 String body) {
        RequestSpecification spec = how.apply(RestAssured.given().auth().oauth2(bot).contentType("application/json").body(body));
        if (!key.isEmpty()) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post("/api/markets/" + market + "/rounds/" + round + "/reports");
    }

    private static Map<String, Object> withDuplicate(Map<String, Object> receipt, boolean duplicate) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(receipt);
        copy.put("duplicate", duplicate);
        return copy;
    }

    private static double hotPathCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("agora_reports_hot_path_total")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElse(0);
    }
}
