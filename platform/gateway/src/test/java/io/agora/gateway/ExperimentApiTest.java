package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** An experiment submitted over HTTP runs on the actor runtime; its progress, summary, metrics and plots come back. */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExperimentApiTest {

    @Test
    void aSubmittedExperimentRunsAndItsFilesCanBeFetched() throws InterruptedException {
        String experimenter = Api.client("experimenter");
        String yaml = RoleMatrixTest.TINY_EXPERIMENT + """
                sweeps:
                  - name: lambda
                    vary:
                      params.lambda: [0.5, 1.0]
                plots:
                  - metric: welfare
                    title: Welfare
                """;
        String id = as(experimenter).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/experiments").then().statusCode(202).body("status", equalTo("queued"))
                .body("sessionsTotal", equalTo(4)).extract().path("id");

        String status = "queued";
        long until = System.currentTimeMillis() + 60_000;
        while (!status.equals("finished") && !status.equals("failed") && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            status = as(experimenter).get("/api/experiments/" + id).then().statusCode(200).extract().path("status");
        }
        assertThat(status).isEqualTo("finished");
        as(experimenter).get("/api/experiments/" + id).then().body("sessionsDone", equalTo(4));
        List<String> files = as(experimenter).get("/api/experiments/" + id).then().extract().path("files");
        assertThat(files).contains("summary.json", "metrics.csv").anyMatch(f -> f.endsWith(".png"));

        as(experimenter).get("/api/experiments/" + id + "/files/summary.json").then().statusCode(200)
                .contentType("application/json").body("name", equalTo("tiny"));
        String csv = as(experimenter).get("/api/experiments/" + id + "/files/metrics.csv").then().statusCode(200).extract().asString();
        assertThat(csv.lines().count()).isGreaterThan(1);
        String png = files.stream().filter(f -> f.endsWith(".png")).findFirst().orElseThrow();
        byte[] image = as(experimenter).get("/api/experiments/" + id + "/files/" + png).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(image).startsWith(0x89, 'P', 'N', 'G');
        as(experimenter).get("/api/experiments/" + id + "/files/nope.csv").then().statusCode(404);
    }
}
