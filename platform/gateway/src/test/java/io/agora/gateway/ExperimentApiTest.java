package io.agora.gateway;

import io.agora.gateway.experiment.ExperimentEntity;
import io.agora.gateway.experiment.ExperimentService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * An experiment submitted over HTTP runs on the actor runtime; its progress, summary, metrics and plots come back.
 * Hostile configs are refused, a failing run fails alone, and experiments can be cancelled (runs one at a time here:
 * agora.experiments.parallel=1, so a long experiment keeps the next one queued).
 */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExperimentApiTest {
    /** Within the cost limits, yet it would run for many minutes: only ever cancelled here. */
    private static final String LONG_EXPERIMENT = """
            name: long
            mechanism: affine-maximizer
            outcomes: 3
            samples: 10000000
            rounds: 10
            population: [{name: g, count: 2, strategy: truthful}]
            """;

    @Inject
    ExperimentService service;

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

    @Test
    void aConfigThatWouldExhaustMemoryOrRunForDaysIsRefusedNamingTheField() {
        String experimenter = Api.client("experimenter");
        String crash = """
                name: crash
                mechanism: affine-maximizer
                outcomes: 10000000
                samples: 1
                population: [{name: g, count: 1000000, strategy: truthful}]
                """;
        String detail = submit(experimenter, crash).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("outcomes")).extract().path("detail");
        assertThat(detail).contains("at most 1000000").doesNotContain("Exception", "java.");
        submit(experimenter, """
                name: days
                mechanism: affine-maximizer
                outcomes: 3
                samples: 100000000
                rounds: 1000000
                population: [{name: g, count: 2, strategy: truthful}]
                """).then().statusCode(400).body("field", equalTo("samples")).body("detail", containsString("samples × rounds"));
        submit(experimenter, """
                name: crowd
                mechanism: affine-maximizer
                outcomes: 3
                samples: 1
                population: [{name: g, count: 1000000, strategy: truthful}]
                """).then().statusCode(400).body("field", equalTo("population[0].count"));
    }

    @Test
    void queuedAndRunningExperimentsCanBeCancelledByTheirOwnerOnly() throws InterruptedException {
        String owner = Api.client("experimenter");
        String other = Api.client("experimenter");
        String running = started(owner);
        try {
            String queued = submit(owner, RoleMatrixTest.TINY_EXPERIMENT).then().statusCode(202).extract().path("id");
            as(owner).get("/api/experiments/" + queued).then().body("status", equalTo("queued")).body("queuePosition", equalTo(1));
            as(owner).get("/api/experiments/" + running).then().body("queuePosition", nullValue());

            as(other).delete("/api/experiments/" + queued).then().statusCode(403).body("field", equalTo("id"));
            as(other).post("/api/experiments/" + running + "/cancel").then().statusCode(403);
            as(owner).delete("/api/experiments/" + queued).then().statusCode(200).body("status", equalTo("cancelled"));
            as(owner).get("/api/experiments/" + queued).then().body("status", equalTo("cancelled")).body("queuePosition", nullValue());
            as(owner).delete("/api/experiments/" + queued).then().statusCode(409);

            as(owner).post("/api/experiments/" + running + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        } finally {
            as(Api.admin()).delete("/api/experiments/" + running);
        }
        // The runner is free again: the next experiment runs to the end (the cancelled one's actors are gone).
        String next = submit(owner, RoleMatrixTest.TINY_EXPERIMENT).then().statusCode(202).extract().path("id");
        assertThat(awaitEnd(owner, next)).isEqualTo("finished");
        as(owner).get("/api/experiments/" + running).then().body("status", equalTo("cancelled"));
    }

    @Test
    void anAdminMayCancelAnyonesExperiment() throws InterruptedException {
        String owner = Api.client("experimenter");
        String running = started(owner);
        as(Api.admin()).delete("/api/experiments/" + running).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("error", containsString("cancelled by"));
    }

    @Test
    void aRunThatThrowsEndsFailedWithItsReasonAndTheGatewayStaysUp() throws Exception {
        String experimenter = Api.client("experimenter");
        String running = started(experimenter);
        String doomed;
        try {
            doomed = submit(experimenter, RoleMatrixTest.TINY_EXPERIMENT).then().statusCode(202).extract().path("id");
            // A file where the run's result folder goes: writing the results throws once the run is over.
            Path data = Path.of(ConfigProvider.getConfig().getValue("agora.data", String.class));
            Files.createDirectories(data.resolve("experiments"));
            Files.writeString(data.resolve("experiments").resolve(doomed), "in the way");
        } finally {
            as(experimenter).delete("/api/experiments/" + running).then().statusCode(200);
        }
        assertThat(awaitEnd(experimenter, doomed)).isEqualTo("failed");
        as(experimenter).get("/api/experiments/" + doomed).then().body("error", containsString("results could not be written"))
                .body("finishedAt", not(nullValue()));
        io.restassured.RestAssured.given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        String next = submit(experimenter, RoleMatrixTest.TINY_EXPERIMENT).then().statusCode(202).extract().path("id");
        assertThat(awaitEnd(experimenter, next)).isEqualTo("finished");
    }

    @Test
    void anExperimentInterruptedTwiceIsNotRetriedAtStartUp() throws Throwable {
        ExperimentEntity row = new ExperimentEntity();
        row.id = io.agora.gateway.web.Ids.next("e-");
        row.name = "tiny";
        row.owner = "someone";
        row.config = RoleMatrixTest.TINY_EXPERIMENT;
        row.configFormat = "yaml";
        row.status = "running";
        row.attempts = 2;
        row.sessionsTotal = 2;
        row.createdAt = OffsetDateTime.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.persist(row))));

        service.resumeUnfinished();

        as(Api.admin()).get("/api/experiments/" + row.id).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", equalTo("interrupted twice; not retried"));
    }

    private static io.restassured.response.Response submit(String token, String yaml) {
        return as(token).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/experiments");
    }

    /** Submits the long experiment and waits until it runs (earlier experiments may still be queued or running). */
    private static String started(String token) throws InterruptedException {
        String id = submit(token, LONG_EXPERIMENT).then().statusCode(202).extract().path("id");
        String status = "queued";
        long until = System.currentTimeMillis() + 60_000;
        while (status.equals("queued") && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            status = as(token).get("/api/experiments/" + id).then().statusCode(200).extract().path("status");
        }
        assertThat(status).isEqualTo("running");
        return id;
    }

    /** Polls until the experiment is over; returns its final status. */
    private static String awaitEnd(String token, String id) throws InterruptedException {
        Set<String> over = Set.of("finished", "failed", "cancelled");
        String status = "queued";
        long until = System.currentTimeMillis() + 60_000;
        while (!over.contains(status) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            status = as(token).get("/api/experiments/" + id).then().statusCode(200).extract().path("status");
        }
        return status;
    }
}
