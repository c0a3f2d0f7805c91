package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The hostile-input suite ({@link HostileRequests}) against the gateway in this JVM; a baseline market is unchanged. */
@QuarkusTest
@TestProfile(NoRateLimits.class)
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileInputTest {

    @Test
    void hostileRequestsGetClearAnswersAndChangeNothing() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", Api.admin());
        tokens.put("experimenter", Api.client("experimenter"));
        tokens.put("botA", Api.client("bot"));
        tokens.put("botB", Api.client("bot"));
        tokens.put("stranger", Api.client("bot"));
        String market = Api.market(tokens.get("experimenter"), 2, 0, 600_000);
        Api.join(tokens.get("botA"), market);
        Api.join(tokens.get("botB"), market);
        Api.awaitRound(tokens.get("botA"), market, 0);
        Api.report(tokens.get("botA"), market, 1, "baseline", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201);
        List<String> before = Baseline.state(RestAssured::given, tokens, market);

        int sent = new HostileRequests(RestAssured::given, tokens, market).run();

        System.out.printf("hostile suite: %d requests, none answered with 5xx or a leak%n", sent);
        assertThat(sent).isGreaterThanOrEqualTo(150);
        assertThat(Baseline.state(RestAssured::given, tokens, market)).isEqualTo(before);
        as(null).get("/q/health/ready").then().statusCode(200);
    }
}
