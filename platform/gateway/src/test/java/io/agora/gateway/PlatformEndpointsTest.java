package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, metrics with the market counters, and the OpenAPI description (complete enough to generate a client) with its UI. */
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
    void aBotsTokenIsVerifiedOnceAndRecognizedAfterwards() {
        String token = Api.client("bot");
        double before = reused();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/mechanisms").then().statusCode(200);
        }
        assertThat(reused() - before).isGreaterThanOrEqualTo(2);
        // The same token with another signature is verified afresh, and refused.
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(forged).get("/api/mechanisms").then().statusCode(401);
    }

    private static double reused() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("agora_auth_tokens_reused_total")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void mechanismsAreListedWithTheirParametersAndReportShape() {
        String token = Api.client("bot");
        given().auth().oauth2(token).get("/api/mechanisms").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem("affine-maximizer"))
                .body("find { it.id == 'affine-maximizer' }.report.name", org.hamcrest.Matchers.contains("rewards", "weight"))
                .body("find { it.id == 'affine-maximizer' }.report[1].maximum", org.hamcrest.Matchers.equalTo(100.0f))
                .body("find { it.id == 'affine-maximizer' }.parameters.name", org.hamcrest.Matchers.hasItems("lambda", "maxGroupSize"));
        given().get("/api/mechanisms").then().statusCode(401);
    }

    @Test
    void theApiIsDescribedByOpenApiWithAUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/markets/{id}/rounds/{round}/reports"))
                .body(containsString("/api/experiments"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    /**
     * A client generated from /q/openapi must know each request body's fields, every error answer as problem JSON,
     * the numeric parameters as numbers, the element type of each stream, and the token endpoint (a Vert.x route the
     * scanner cannot see).
     */
    @Test
    void theOpenApiDocumentDescribesBodiesErrorsParametersAndTheTokenEndpoint() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode paths = doc.path("paths");

        // Request bodies: the wire records, not a plain string.
        requestBodyIs(doc, operation(paths, "/api/markets", "post"), "MarketCreate", "mechanism", "reference", "seats", "params");
        // A report's body: one of the installed mechanisms' report schemas, each built from the shape it declares.
        JsonNode report = operation(paths, "/api/markets/{id}/rounds/{round}/reports", "post").at("/requestBody/content/application~1json/schema");
        assertThat(report.path("oneOf").toString()).contains("#/components/schemas/Report-affine-maximizer");
        JsonNode p1 = doc.at("/components/schemas/Report-affine-maximizer");
        assertThat(fieldNames(p1.path("properties"))).containsExactly("rewards", "weight");
        assertThat(p1.path("required").toString()).isEqualTo("[\"rewards\",\"weight\"]");
        assertThat(p1.at("/properties/weight/type").toString()).contains("integer");
        assertThat(p1.path("additionalProperties").asBoolean(true)).isFalse();
        requestBodyIs(doc, operation(paths, "/api/admin/clients", "post"), "ClientCreate", "name", "role");
        JsonNode config = operation(paths, "/api/experiments", "post").path("requestBody").path("content");
        assertThat(config.path("application/yaml").path("examples").toString()).contains("mechanism: affine-maximizer");
        assertThat(config.path("application/json").path("examples").toString()).contains("affine-maximizer");

        // The problem schema, and every /api operation's error answers as problem JSON.
        assertThat(fieldNames(doc.at("/components/schemas/Problem/properties"))).contains("status", "detail", "field");
        List<String> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = op.getValue().path("responses");
                assertThat(fieldNames(responses)).as(name).contains("401", "403", "429", "503");
                boolean takesInput = op.getValue().has("requestBody") || op.getValue().path("parameters").size() > 0;
                if (takesInput) {
                    assertThat(fieldNames(responses)).as(name).containsAnyOf("400", "404");
                }
                if (op.getValue().has("requestBody")) {
                    assertThat(fieldNames(responses)).as(name).contains("400", "411", "413", "415");
                }
                assertThat(fieldNames(responses).stream().filter(s -> s.startsWith("2"))).as(name).isNotEmpty();
                responses.fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        assertThat(r.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                                .as(name + " " + r.getKey()).isEqualTo(PROBLEM_REF);
                    }
                });
            });
        });
        assertThat(operations).contains("DELETE /api/experiments/{id}", "POST /api/experiments/{id}/cancel", "GET /api/ledger/me");

        // Success statuses and the operations' own errors.
        assertThat(fieldNames(operation(paths, "/api/markets", "post").path("responses"))).contains("201", "400", "422");
        assertThat(fieldNames(operation(paths, "/api/experiments", "post").path("responses"))).contains("202", "400", "422");
        assertThat(fieldNames(operation(paths, "/api/markets/{id}/rounds/{round}/reports", "post").path("responses")))
                .contains("200", "201", "400", "404", "409", "422").doesNotContain("default");
        assertThat(fieldNames(operation(paths, "/api/admin/clients", "post").path("responses"))).contains("201", "409");

        // The list: an array of MarketView with its total in a header; the streams: their element types.
        JsonNode list = operation(paths, "/api/markets", "get").path("responses").path("200");
        assertThat(list.at("/content/application~1json/schema/items/$ref").asText()).isEqualTo("#/components/schemas/MarketView");
        assertThat(fieldNames(list.path("headers"))).contains("X-Total-Count");
        assertThat(operation(paths, "/api/markets/{id}/rounds/stream", "get").toString()).contains("#/components/schemas/RoundView");
        assertThat(operation(paths, "/api/markets/{id}/events", "get").toString()).contains("#/components/schemas/MarketEvent");

        // Numbers the resources parse themselves are documented as integers with their ranges.
        integer(operation(paths, "/api/markets/{id}/rounds/{round}/reports", "post"), "round", 0);
        integer(operation(paths, "/api/markets/{id}/rounds/{round}/result", "get"), "round", 0);
        integer(operation(paths, "/api/markets/{id}/rounds/current", "get"), "after", 0);
        integer(operation(paths, "/api/markets/{id}/rounds/current", "get"), "waitMillis", 0);
        integer(operation(paths, "/api/markets", "get"), "offset", 0);
        JsonNode limit = integer(operation(paths, "/api/markets", "get"), "limit", 1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(500);

        // The token endpoint: a form (or HTTP Basic), a TokenResponse, OAuth2 error JSON.
        JsonNode token = operation(paths, "/oauth/token", "post");
        assertThat(fieldNames(token.at("/requestBody/content/application~1x-www-form-urlencoded/schema/properties")))
                .contains("grant_type", "client_id", "client_secret");
        assertThat(fieldNames(token.path("responses"))).contains("200", "400", "401", "405", "413", "429");
        assertThat(fieldNames(resolve(doc, token.at("/responses/200/content/application~1json/schema")).path("properties")))
                .contains("access_token", "token_type", "expires_in");
        assertThat(fieldNames(resolve(doc, token.at("/responses/401/content/application~1json/schema")).path("properties")))
                .contains("error", "error_description");
        assertThat(doc.at("/components/securitySchemes/clientBasic/scheme").asText()).isEqualTo("basic");
    }

    private static JsonNode operation(JsonNode paths, String path, String method) {
        JsonNode op = paths.path(path).path(method);
        assertThat(op.isObject()).as(method + " " + path + " is documented").isTrue();
        return op;
    }

    private static void requestBodyIs(JsonNode doc, JsonNode operation, String schema, String... fields) {
        JsonNode body = operation.at("/requestBody/content/application~1json/schema");
        assertThat(body.path("$ref").asText()).isEqualTo("#/components/schemas/" + schema);
        assertThat(fieldNames(resolve(doc, body).path("properties"))).contains(fields);
    }

    /** The parameter's schema, checked to be an integer with the given minimum. */
    private static JsonNode integer(JsonNode operation, String name, int minimum) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                JsonNode schema = p.path("schema");
                assertThat(schema.path("type").toString()).as(name).contains("integer").doesNotContain("string");
                assertThat(schema.path("minimum").isNumber()).as(name + " has a minimum").isTrue();
                assertThat(schema.path("minimum").asInt()).as(name).isEqualTo(minimum);
                return schema;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
