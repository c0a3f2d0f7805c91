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
