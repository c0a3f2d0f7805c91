package io.agora.gateway;

import io.agora.gateway.market.PgMarketJournal;
import io.agora.runtime.market.SettledRound;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Parsing as strict as documented (each value in its own JSON type, each key once), parameters that do not parse
 * named in a 400, markets that could never run refused at creation, size limits as problem JSON, and a failed
 * round that does not call a seat that reported "missed".
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StrictInputTest {
    private static String experimenter;
    private static String bot;
    private static String other;
    private static String market;

    @TestHTTPResource("/")
    URL base;

    @Inject
    PgMarketJournal journal;

    @BeforeEach
    void market() {
        if (market == null) {
            experimenter = Api.client("experimenter");
            bot = Api.client("bot");
            other = Api.client("bot");
            market = Api.market(experimenter, 2, 0, 60_000);
            Api.join(bot, market);
            Api.join(other, market);
            Api.awaitRound(bot, market, 0);
        }
    }

    private static void report(String body, String field, String rule) {
        Api.report(bot, market, 1, "strict-" + System.nanoTime(), body).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field)).body("detail", containsString(rule));
    }

    private static void create(String body, String field, String rule) {
        as(experimenter).contentType("application/json").body(body).post("/api/markets").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field)).body("detail", containsString(rule));
    }

    @Test
    void valuesMustHaveTheirOwnJsonTypeAndKeysAppearOnce() {
        report("{\"rewards\":[0.2,0.3,0.5],\"weight\":1,\"weight\":2}", "weight", "appears twice");
        report("{\"rewards\":[\"0.2\",0.3,0.5],\"weight\":1}", "rewards[0]", "must be a number");
        report("{\"rewards\":[0.2,0.3,0.5],\"weight\":\"1\"}", "weight", "number");
        report("{\"rewards\":{},\"weight\":1}", "rewards", "must be a list of numbers");
        report("null", "body", "must be a JSON object");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":2.7}", "seats", "whole number");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":\"3\"}", "seats", "whole number");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":99999999999}", "seats", "whole number between");
        create("null", "body", "not null");
        as(Api.admin()).contentType("application/json").body("null").post("/api/admin/clients").then().statusCode(400)
                .body("field", equalTo("body"));
        String text = Api.report(bot, market, 1, "types", "{\"rewards\":true,\"weight\":1}").then().statusCode(400).extract().asString();
        assertThat(text).doesNotContain("java").doesNotContain("double[]").doesNotContain("JsonToken").doesNotContain("io.agora");
    }

    @Test
    void namesAreBoundedAndPrintable() {
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"name\":\"" + "n".repeat(256) + "\"}", "name", "at most 255");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[1,1],\"seats\":1,\"name\":\"a\\u0000b\"}", "name", "control characters");
    }

    @Test
    void badParametersAreNamed() {
        String m = "/api/markets/" + market;
        as(bot).get(m + "/rounds/current?after=abc").then().statusCode(400).body("field", equalTo("after"));
        as(bot).get(m + "/rounds/current?waitMillis=1e308").then().statusCode(400).body("field", equalTo("waitMillis"));
        as(bot).get(m + "/rounds/abc/result").then().statusCode(400).body("field", equalTo("round"));
        as(bot).get(m + "/rounds/2147483648/result").then().statusCode(400).body("field", equalTo("round"));
        as(bot).get("/api/markets?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        as(experimenter).get("/api/experiments/e%00").then().statusCode(400).body("field", equalTo("id"));
        as(experimenter).get("/api/experiments/e-0000000000/files/summary.json%00.png").then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void marketsThatCouldNeverRunAreRefused() {
        create("{\"mechanism\":\"affine-maximizer\",\"params\":{\"lambda\":1e-320},\"reference\":[1,1],\"seats\":1}", "params.lambda", "");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[" + "1,".repeat(99_999) + "1],\"seats\":1}", "reference", "body limit");
        create("{\"mechanism\":\"affine-maximizer\",\"reference\":[" + "1,".repeat(9_999) + "1],\"seats\":10000}", "seats", "seats × outcomes");
    }

    @Test
    void theMarketListIsPagedAndLeavesArraysToTheDetailView() {
        Api.market(experimenter, 1, 0, 60_000);
        var page = as(bot).get("/api/markets?limit=1").then().statusCode(200).header("X-Total-Count", not(equalTo("0")));
        page.body("size()", equalTo(1)).body("[0]", not(hasKey("reference"))).body("[0]", not(hasKey("params")));
        as(bot).get("/api/markets/" + market).then().statusCode(200).body("$", hasKey("reference"));
    }

    @Test
    void sizeLimitsAnswerProblemJson() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/api/markets"))
                .header("Authorization", "Bearer " + experimenter).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes()))).build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(411);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        as(bot).get("/api/markets?x=" + "a".repeat(10_000)).then().statusCode(414).contentType("application/problem+json");
        as(bot).header("X-Big", "h".repeat(40_000)).get("/api/markets").then().statusCode(431).contentType("application/problem+json");
    }

    @Test
    void aFailedRoundDoesNotTellASeatThatReportedThatItMissed() throws Exception {
        String failing = Api.market(experimenter, 2, 0, 60_000);
        String seat = Api.join(bot, failing);
        Api.join(other, failing);
        Api.awaitRound(bot, failing, 0);
        Api.report(bot, failing, 1, "f1", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201);
        // The journal records round 1 as failed, as the market would after its mechanism failed.
        journal.roundSettled(failing, new SettledRound(1, null, "plugin 'x' failed: clear threw an error", List.of(), null, List.of()), 2)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        // A retry of the same write (its answer lost) finds the round stored and succeeds without writing it twice.
        journal.roundSettled(failing, new SettledRound(1, null, "plugin 'x' failed: clear threw an error", List.of(), null, List.of()), 2)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        as(bot).get("/api/markets/" + failing + "/rounds/1/result").then().statusCode(200)
                .body("status", equalTo("failed")).body("missed", equalTo(false)).body("seat", equalTo(seat));
        as(other).get("/api/markets/" + failing + "/rounds/1/result").then().statusCode(200).body("missed", equalTo(true));
        as(experimenter).post("/api/markets/" + failing + "/close").then().statusCode(200);
    }
}
