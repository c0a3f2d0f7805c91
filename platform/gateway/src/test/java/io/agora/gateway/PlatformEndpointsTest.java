package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, metrics with the market counters, and the OpenAPI description with its UI. */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PlatformEndpointsTest {

    @Test
    void healthIsUpWithTheDatabase() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("PostgreSQL"));
    }

    @Test
    void metricsCountMarketsRoundsAndReports() {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String market = Api.market(experimenter, 1, 1, 5000);
        Api.join(bot, market);
        Api.awaitRound(bot, market, 0);
        Api.report(bot, market, 1, "m1", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201);
        BotLifecycleTest.awaitSettled(bot, market, 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("agora_markets_created_total"))
                .body(containsString("agora_markets_hosted"))
                .body(containsString("agora_rounds_opened_total"))
                .body(containsString("agora_rounds_cleared_total"))
                .body(containsString("agora_reports_stored_total"));
    }

    @Test
    void theApiIsDescribedByOpenApiWithAUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/markets/{id}/rounds/{round}/reports"))
                .body(containsString("/api/experiments"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
