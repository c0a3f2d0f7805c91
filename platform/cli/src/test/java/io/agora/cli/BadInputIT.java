package io.agora.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per kind of bad input: exit code 2 and one line naming the field and the rule, never a stack trace. */
class BadInputIT {
    private static final String VECTOR = ClearCommandIT.VECTOR;

    @TempDir
    Path dir;

    private static void assertRejected(Cli.Run run, String expectedLine) {
        assertThat(run.code()).as(run.stdout() + run.stderr()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).hasSize(1);
        assertThat(run.stderr()).startsWith("error: " + expectedLine).doesNotContain("Exception", "\tat ");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void unknownMechanism() {
        assertRejected(Cli.withStdin(VECTOR.replace("\"mechanism\": \"affine-maximizer\"", "\"mechanism\": \"vcg\""), "clear"),
                "mechanism: unknown mechanism 'vcg'; installed: affine-maximizer");
    }

    @Test
    void unknownParameter() {
        assertRejected(Cli.withStdin(VECTOR.replace("\"lambda\": 1.0", "\"lamda\": 1.0"), "clear"), "params.lamda: unknown parameter");
    }

    @Test
    void wrongVectorLength() {
        assertRejected(Cli.withStdin(VECTOR.replace("[0.1, 0.3, 0.6]", "[0.1, 0.3, 0.5, 0.1]"), "clear"),
                "reports[1].rewards: length 4, expected 3 (the number of outcomes)");
    }

    @Test
    void infiniteNumber() {
        assertRejected(Cli.withStdin(VECTOR.replace("[0.1, 0.3, 0.6]", "[0.1, 1e999, 0.6]"), "clear"),
                "reports[1].rewards[1]: must be a finite number");
    }

    @Test
    void notANumber() {
        assertRejected(Cli.withStdin(VECTOR.replace("[0.1, 0.3, 0.6]", "[0.1, NaN, 0.6]"), "clear"), "stdin: malformed JSON at line 5");
    }

    @Test
    void negativeReward() {
        assertRejected(Cli.withStdin(VECTOR.replace("[0.1, 0.3, 0.6]", "[-0.1, 0.5, 0.6]"), "clear"),
                "reports[1].rewards[0]: must be >= 0 (reward models are non-negative), got -0.1");
    }

    @Test
    void brokenNormalization() {
        assertRejected(Cli.withStdin(VECTOR.replace("[0.1, 0.3, 0.6]", "[0.2, 0.3, 0.6]"), "clear"),
                "reports[1].rewards: must sum to 1 (sum normalization), sum is 1.1");
    }

    @Test
    void groupSizeAboveTheBound() {
        assertRejected(Cli.withStdin(VECTOR.replace("\"payment\": \"affine-maximizer\"", "\"payment\": \"affine-maximizer\", \"maxGroupSize\": 5"), "clear"),
                "reports[1].weight: must be in [1, 5] (a group size, at most maxGroupSize), got 7");
    }

    @Test
    void fractionalGroupSize() {
        assertRejected(Cli.withStdin(VECTOR.replace("\"weight\": 7", "\"weight\": 7.5"), "clear"),
                "reports[1].weight: must be a whole number (a group size, at most maxGroupSize), got 7.5");
    }

    @Test
    void malformedJson() {
        assertRejected(Cli.withStdin("{\"mechanism\": ", "clear"), "stdin: malformed JSON");
    }

    @Test
    void unknownReportField() {
        assertRejected(Cli.withStdin(VECTOR.replace("\"weight\": 7", "\"weight\": 7, \"wieght\": 7"), "clear"), "reports[1].wieght: is not part of this mechanism's report; it takes rewards, weight");
    }

    @Test
    void auditWithoutTypes() {
        String noTypes = VECTOR.substring(0, VECTOR.indexOf(",\n \"types\"")) + "}";
        assertRejected(Cli.withStdin(noTypes, "audit"), "types: is required by audit");
    }

    @Test
    void missingFile() {
        assertRejected(Cli.run("clear", dir.resolve("none.json").toString()), dir.resolve("none.json") + ": no such file");
    }

    @Test
    void unknownOption() {
        assertRejected(Cli.run("bench", "--agentz", "3"), "Unknown options: '--agentz'");
    }

    @Test
    void malformedYaml() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "name: x\nmechanism: [unclosed\n");
        assertRejected(Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString()), config + ": malformed YAML");
    }

    @Test
    void experimentOverTheCostLimitsIsRefusedBeforeItRuns() throws IOException {
        Path config = Files.writeString(dir.resolve("huge.yaml"), """
                name: huge
                mechanism: affine-maximizer
                outcomes: 10000000
                samples: 1
                rounds: 1
                population: [{name: a, count: 1000000, strategy: truthful}]
                """);
        assertRejected(Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString()), "outcomes: ");
    }

    @Test
    void experimentFieldOutOfRange() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                name: x
                mechanism: affine-maximizer
                outcomes: 3
                samples: 0
                population: [{name: a, strategy: truthful}]
                """);
        assertRejected(Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString()),
                "samples: must be between 1 and");
    }

    @Test
    void experimentWithUnknownStrategyParameterInASweep() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                name: x
                mechanism: affine-maximizer
                outcomes: 3
                samples: 5
                population: [{name: a, strategy: alpha-scaling}]
                sweeps:
                  - name: s
                    vary: {population.a.params.alfa: [1, 2]}
                """);
        Cli.Run run = Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.stderr()).contains("population[0].params.alfa: unknown parameter");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void tournamentWithAnUnknownReference() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                name: x
                mechanism: affine-maximizer
                outcomes: 3
                samples: 1
                tournament:
                  reference: nobody
                  entrants: [{name: a, strategy: truthful}]
                """);
        assertRejected(Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString()),
                "tournament.reference: no entrant named 'nobody'");
    }

    @Test
    void unknownMissPolicy() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                name: x
                mechanism: affine-maximizer
                outcomes: 3
                samples: 1
                missPolicy: ignore
                population: [{name: a, strategy: truthful}]
                """);
        assertRejected(Cli.run("experiment", "run", config.toString(), "--out", dir.resolve("out").toString()),
                "missPolicy: must be truthful, abstain or zero, got ignore");
    }
}
