package io.agora.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The API's records validate their input and name the offending field. */
class RecordsTest {

    @Test
    void reportRejectsNonFiniteRewardsAndCopiesArrays() {
        assertThatThrownBy(() -> Report.ofRewards("a", new double[] {0.5, Double.NaN}, 1))
                .isInstanceOf(InvalidInputException.class).hasMessage("rewards[1]: must be a finite number, got NaN");
        double[] r = {0.5, 0.5};
        Report report = Report.ofRewards("a", r, 1);
        r[0] = 9;
        assertThat(report.reward(0)).isEqualTo(0.5);
        assertThat(report.rewards()).isNotSameAs(report.rewards());
    }

    @Test
    void reportRejectsBlankAgent() {
        assertThatThrownBy(() -> Report.ofRewards(" ", new double[] {1}, 1)).hasMessage("agent: must be a non-blank id");
    }

    @Test
    void roundRejectsDuplicateAgentsAndWrongLengths() {
        Policy q = Policy.uniform(2);
        Report a = Report.ofRewards("a", new double[] {0.5, 0.5}, 1);
        assertThatThrownBy(() -> new RoundInput(0, OutcomeSpace.of(2), q, List.of(a, a)))
                .hasMessage("reports[1].agent: duplicate agent id 'a'");
        assertThatThrownBy(() -> new RoundInput(0, OutcomeSpace.of(2), q, List.of(Report.ofRewards("b", new double[] {1}, 1))))
                .hasMessage("reports[0].rewards: length 1, expected 2 (the number of outcomes)");
    }

    @Test
    void policyNormalizesInLogSpace() {
        Policy p = Policy.ofLogWeights(new double[] {1000, 1000, Double.NEGATIVE_INFINITY});
        assertThat(p.probabilities()).containsExactly(new double[] {0.5, 0.5, 0}, within(1e-15));
        assertThatThrownBy(() -> Policy.ofProbabilities(new double[] {0, 0})).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void schemaFillsDefaultsAndNamesBrokenRules() {
        ParameterSchema schema = ParameterSchema.of(
                Parameter.positive("lambda", 1.0, "weight"),
                Parameter.integer("size", 3, 1L, 10L, "size"),
                Parameter.choice("mode", "a", List.of("a", "b"), "mode"));

        Parameters p = schema.validate(Map.of("size", 4L));
        assertThat(p.number("lambda")).isEqualTo(1.0);
        assertThat(p.integer("size")).isEqualTo(4);
        assertThat(p.choice("mode")).isEqualTo("a");
        assertThatThrownBy(() -> schema.validate(Map.of("lambda", 0.0))).hasMessage("params.lambda: must be > 0.0, got 0.0");
        assertThatThrownBy(() -> schema.validate(Map.of("size", 2.5))).hasMessage("params.size: must be a whole number, got 2.5");
        assertThatThrownBy(() -> schema.validate(Map.of("size", 11))).hasMessage("params.size: must be <= 10.0, got 11.0");
        assertThatThrownBy(() -> schema.validate(Map.of("mode", "c"))).hasMessage("params.mode: must be one of a, b, got c");
        assertThatThrownBy(() -> schema.validate(Map.of("nope", 1))).hasMessage("params.nope: unknown parameter; known: lambda, size, mode");
    }

    @Test
    void normalizationChecksAndRepairs() {
        Report off = Report.ofRewards("a", new double[] {0.2, 0.3}, 1);
        assertThat(Normalization.SUM.violation(off, 1e-9)).isEqualTo("must sum to 1 (sum normalization), sum is 0.5");
        assertThat(Normalization.MAX.normalize(new double[] {0.2, -1, 0.4})).containsExactly(0.5, 0.0, 1.0);
        assertThat(Normalization.SUM.normalize(new double[] {0, 0})).containsExactly(0.5, 0.5);
    }
}
