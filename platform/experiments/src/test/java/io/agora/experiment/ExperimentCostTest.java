package io.agora.experiment;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cost estimate refuses what would exhaust memory or run for days, and accepts every shipped example. */
class ExperimentCostTest {
    private static final ExperimentCost.Limits LIMITS = ExperimentCost.Limits.DEFAULTS;

    private static ExperimentConfig parse(String yaml) {
        return ExperimentConfigParser.parse(yaml, "test.yaml");
    }

    @Test
    void everyShippedExampleFitsTheDefaults() throws IOException {
        Path plugins = Path.of("../../plugins").toAbsolutePath().normalize();
        List<Path> examples;
        try (Stream<Path> files = Files.walk(plugins)) {
            examples = files.filter(p -> p.getParent().getFileName().toString().equals("experiments") && p.toString().endsWith(".yaml")).toList();
        }
        assertThat(examples).anyMatch(p -> p.endsWith("p1-table1.yaml")).hasSizeGreaterThanOrEqualTo(5);
        for (Path p : examples) {
            ExperimentConfig config = ExperimentConfigParser.parse(Files.readString(p), p.toString());
            ExperimentCost cost = ExperimentCost.check(config, LIMITS);
            assertThat(cost.work()).as(p.toString()).isPositive().isLessThan(LIMITS.maxWork() / 10);
        }
    }

    @Test
    void countsPointsAgentsMemoryAndWork() {
        ExperimentCost cost = ExperimentCost.of(parse("""
                name: c
                mechanism: affine-maximizer
                outcomes: 10
                samples: 100
                rounds: 3
                baseline: truthful
                audit: {agents: [g], random: 2, search: 3}
                menu: {size: 4}
                population:
                  - {name: g, count: 2, strategy: truthful}
                  - {name: h, count: 5, strategy: truthful}
                sweeps:
                  - {name: a, vary: {params.lambda: [1, 2, 3], params.x: [1, 2]}}
                  - {name: b}
                """));
        assertThat(cost.points()).isEqualTo(7);
        assertThat(cost.agents()).isEqualTo(7);
        assertThat(cost.valuesPerMarket()).isEqualTo(10 * (7 + 4));
        // 1 clearing + 1 baseline + 4 menu entries + 2 audited agents × (2 + 3) evaluations
        assertThat(cost.workPerRound()).isEqualTo(7L * 10 * (1 + 1 + 4 + 2 * 5));
        assertThat(cost.work()).isEqualTo(7L * 100 * 3 * cost.workPerRound());
    }

    @Test
    void aHugeMarketIsRefusedNamingItsLargestFactor() {
        assertThatThrownBy(() -> ExperimentCost.check(parse("""
                name: crash
                mechanism: affine-maximizer
                outcomes: 10000000
                samples: 1
                population: [{name: g, count: 1000000, strategy: truthful}]
                """), LIMITS)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("outcomes");
                    assertThat(e.rule()).contains("10000000 × 1000000", "at most 1000000");
                });
        assertThatThrownBy(() -> ExperimentCost.check(parse("""
                name: crowd
                mechanism: affine-maximizer
                outcomes: 3
                samples: 1
                population: [{name: a, strategy: truthful}, {name: g, count: 1000000, strategy: truthful}]
                """), LIMITS)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("population[1].count"));
    }

    @Test
    void aRunThatWouldTakeDaysIsRefusedNamingSamplesOrRounds() {
        String yaml = """
                name: long
                mechanism: affine-maximizer
                outcomes: 3
                samples: %d
                rounds: %d
                population: [{name: g, count: 2, strategy: truthful}]
                """;
        assertThatThrownBy(() -> ExperimentCost.check(parse(yaml.formatted(100_000_000, 1_000_000)), LIMITS))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("samples");
                    assertThat(e.rule()).contains("samples × rounds", "at most 1000000000").doesNotContain("Exception");
                });
        assertThatThrownBy(() -> ExperimentCost.check(parse(yaml.formatted(10, 1_000_000)), new ExperimentCost.Limits(1_000_000, 1_000_000, 10)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rounds"));
    }

    @Test
    void aSweepWithTooManyPointsIsRefusedWithoutExpandingIt() {
        StringBuilder vary = new StringBuilder();
        for (int k = 0; k < 80; k++) {
            vary.append("params.p").append(k).append(": [1, 2]\n      ");
        }
        ExperimentConfig config = parse("""
                name: wide
                mechanism: affine-maximizer
                outcomes: 3
                samples: 1
                population: [{name: g, strategy: truthful}]
                sweeps:
                  - name: small
                  - name: wide
                    vary:
                      %s
                """.formatted(vary));
        assertThat(ExperimentCost.of(config).points()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ExperimentCost.check(config, LIMITS)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("sweeps[1].vary");
            assertThat(e.rule()).contains("more than", "at most 1000");
        });
    }
}
