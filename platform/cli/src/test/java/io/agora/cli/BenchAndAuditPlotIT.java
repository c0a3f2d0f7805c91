package io.agora.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.experiment.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's output contract on a small size, and the audit's chart. */
class BenchAndAuditPlotIT {
    @TempDir
    Path dir;

    @Test
    void benchPrintsOneJsonObjectAsItsLastLine() {
        Cli.Run run = Cli.run("bench", "--agents", "20", "--outcomes", "500", "--runs", "3", "--warmup", "1", "--seed", "4");

        assertThat(run.code()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        JsonNode last = Json.parseJson(lines.get(lines.size() - 1), "stdout");
        assertThat(last.get("agents").asInt()).isEqualTo(20);
        assertThat(last.get("outcomes").asInt()).isEqualTo(500);
        assertThat(last.get("medianSeconds").asDouble()).isPositive();
        assertThat(last.get("peakHeapBytes").asLong()).isGreaterThanOrEqualTo(last.get("rewardMatrixBytes").asLong());
    }

    @Test
    void theFamilyBenchmarksRunOnSmallSizes() {
        JsonNode mosaic = last(Cli.run("bench", "--scenario", "p3-mosaic", "--agents", "5", "--outcomes", "10", "--runs", "1", "--warmup", "0"));
        assertThat(mosaic.get("microsPerClearing").asDouble()).isPositive();
        JsonNode auction = last(Cli.run("bench", "--scenario", "p4-auction", "--agents", "4", "--outcomes", "20", "--runs", "1", "--warmup", "0"));
        assertThat(auction.get("prompts").asInt()).isEqualTo(20);
        assertThat(auction.get("medianSeconds").asDouble()).isPositive();
        JsonNode hosted = last(Cli.run("bench", "--scenario", "p2-hosted", "--agents", "3", "--outcomes", "200", "--runs", "1", "--warmup", "0"));
        assertThat(hosted.get("rounds").asInt()).isEqualTo(200);
        assertThat(hosted.get("medianSeconds").asDouble()).isPositive();
    }

    private static JsonNode last(Cli.Run run) {
        assertThat(run.code()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        return Json.parseJson(lines.get(lines.size() - 1), "stdout");
    }

    @Test
    void benchRejectsANonsenseSize() {
        Cli.Run run = Cli.run("bench", "--agents", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("error: --agents: must be >= 1, got 0\n");
    }

    @Test
    void auditDrawsItsGainsByFamily() {
        Path png = dir.resolve("audit.png");
        Cli.Run run = Cli.withStdin(ClearCommandIT.VECTOR.replace("\"payment\": \"affine-maximizer\"", "\"payment\": \"none\""),
                "audit", "--plot", png.toString(), "--search", "50");

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(png).isNotEmptyFile();
    }
}
