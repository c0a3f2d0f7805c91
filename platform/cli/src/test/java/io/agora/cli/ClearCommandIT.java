package io.agora.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.experiment.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code agora clear}, {@code audit} and {@code plugins} against the plugins the build produced. */
class ClearCommandIT {
    static final String VECTOR = """
            {"mechanism": "affine-maximizer",
             "params": {"lambda": 1.0, "divergence": "kl", "normalization": "sum", "payment": "affine-maximizer"},
             "reference": [0.3333333333, 0.3333333333, 0.3333333334],
             "reports": [{"agent": "g1", "rewards": [0.6, 0.3, 0.1], "weight": 3},
                         {"agent": "g2", "rewards": [0.1, 0.3, 0.6], "weight": 7}],
             "types": [{"agent": "g1", "rewards": [0.6, 0.3, 0.1], "weight": 3}]}
            """;

    @Test
    void clearReproducesTheSpecTestVector() {
        Cli.Run run = Cli.withStdin(VECTOR, "clear");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode out = Json.parseJson(run.stdout(), "stdout");
        assertThat(out.get("policy").get(0).asDouble()).isCloseTo(0.099624, within(1e-6));
        assertThat(out.get("policy").get(2).asDouble()).isCloseTo(0.736125, within(1e-6));
        assertThat(out.get("payments").get("g1").asDouble()).isCloseTo(0.083698, within(1e-6));
        assertThat(out.get("payments").get("g2").asDouble()).isCloseTo(0.988429, within(1e-6));
        assertThat(out.get("utilities").get("g2").asDouble()).isCloseTo(2.517960, within(1e-6));
        assertThat(out.get("welfare").asDouble()).isCloseTo(4.054375, within(1e-6));
    }

    /** P4 through the command line: the example's two cheapest offers are bought at the third ask, and shading pays only as bid. */
    @Test
    void aDataAuctionClearsAndItsAuditFindsShadingOnlyUnderPayAsBid() throws java.io.IOException {
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("..", "..", "examples", "p4-auction.json"));
        Cli.Run run = Cli.withStdin(example, "clear");
        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode out = Json.parseJson(run.stdout(), "stdout");
        assertThat(out.get("payments").get("s1").asDouble()).isEqualTo(-0.5);
        assertThat(out.get("payments").get("s2").asDouble()).isEqualTo(-0.5);
        assertThat(out.get("payments").get("s3").asDouble()).isEqualTo(0.0);
        Cli.Run truthful = Cli.withStdin(example, "audit");
        assertThat(Json.parseJson(truthful.stdout(), "stdout").get("maxGain").asDouble()).as(truthful.stderr()).isLessThanOrEqualTo(1e-12);
        Cli.Run asBid = Cli.withStdin(example.replace("k_plus_1", "pay_as_bid"), "audit");
        JsonNode s1 = Json.parseJson(asBid.stdout(), "stdout").get("agents").get(0);
        assertThat(s1.get("gainByFamily").get("shade-bid").asDouble()).isPositive();
    }

    @Test
    void clearNotesANormalizedReference() {
        Cli.Run run = Cli.withStdin(VECTOR.replace("[0.3333333333, 0.3333333333, 0.3333333334]", "[1, 1, 1]"), "clear");

        assertThat(run.code()).isZero();
        assertThat(Json.parseJson(run.stdout(), "stdout").get("notes").get(0).asText()).contains("normalized");
    }

    @Test
    void auditFindsNoProfitableMisreportUnderPayments() {
        Cli.Run run = Cli.withStdin(VECTOR, "audit", "--random", "20", "--search", "100");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode out = Json.parseJson(run.stdout(), "stdout");
        assertThat(out.get("maxGain").asDouble()).isLessThanOrEqualTo(1e-9);
        assertThat(out.get("irViolations").asInt()).isZero();
        assertThat(out.get("agents").get(0).get("truthfulUtility").asDouble()).isCloseTo(0.464289, within(1e-6));
    }

    @Test
    void auditFindsTheGainOfLyingWithoutPayments() {
        Cli.Run run = Cli.withStdin(VECTOR.replace("\"payment\": \"affine-maximizer\"", "\"payment\": \"none\""), "audit");

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(Json.parseJson(run.stdout(), "stdout").get("maxGain").asDouble()).isPositive();
    }

    @Test
    void pluginsListsMechanismsStrategiesAndParameters() {
        Cli.Run run = Cli.run("plugins");

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("affine-maximizer", "maxGroupSize", "earlyStopFraction", "truthful",
                "alpha-scaling", "beta-mixing", "epsilon-polarization", "random", "best-response");
        // Each mechanism's declared report, component by component.
        assertThat(run.stdout()).contains("report (with the default parameters):")
                .containsPattern("rewards +a list of numbers, one per outcome, each >= 0, summing to 1: reward models")
                .containsPattern("weight +a whole number in \\[1, 100\\]: a group size, at most maxGroupSize");
    }
}
