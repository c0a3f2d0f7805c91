package io.agora.core.game;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The spec's test vectors for MMRA, and the LP against a grid search and against Hedge on random instances. */
class MinMaxRegretTest {
    private static final double[][] L = {{10, 2, 4}, {1, 8, 3}, {2, 3, 6}};

    @Test
    void equalWeightsGiveTheSpecVector() {
        MinMaxRegret.Mixture m = MinMaxRegret.exact(MinMaxRegret.regrets(L, new double[] {1, 1, 1}));
        assertThat(m.weights()[0]).isCloseTo(8.0 / 15, within(1e-9));
        assertThat(m.weights()[1]).isCloseTo(7.0 / 15, within(1e-9));
        assertThat(m.weights()[2]).isCloseTo(0, within(1e-9));
        assertThat(m.maxRegret()).isCloseTo(56.0 / 15, within(1e-9));
    }

    @Test
    void weightedTypesGiveTheSpecVector() {
        MinMaxRegret.Mixture m = MinMaxRegret.exact(MinMaxRegret.regrets(L, new double[] {4, 1, 1}));
        // R = [[0,32,24],[7,0,5],[4,3,0],[0,0,0]]: rows 1 and 2 tie at y = (32/39, 7/39, 0), regret 224/39.
        assertThat(m.weights()[0]).isCloseTo(32.0 / 39, within(1e-9));
        assertThat(m.weights()[1]).isCloseTo(7.0 / 39, within(1e-9));
        assertThat(m.weights()[2]).isCloseTo(0, within(1e-9));
        assertThat(m.maxRegret()).isCloseTo(224.0 / 39, within(1e-9));
        assertThat(m.weights()[0]).isCloseTo(0.821, within(5e-4));
        assertThat(m.maxRegret()).isCloseTo(5.744, within(5e-4));
    }

    @Test
    void theLpBeatsEveryPointOfAGridAndHedgeApproachesIt() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            double[][] values = new double[3][3];
            for (double[] row : values) {
                for (int j = 0; j < 3; j++) {
                    row[j] = 10 * random.nextDouble();
                }
            }
            double[][] r = MinMaxRegret.regrets(values, new double[] {1 + random.nextDouble(), 1, 0.5 + random.nextDouble()});
            MinMaxRegret.Mixture exact = MinMaxRegret.exact(r);
            for (double w : exact.weights()) {
                assertThat(w).isGreaterThanOrEqualTo(-1e-12);
            }
            assertThat(exact.weights()[0] + exact.weights()[1] + exact.weights()[2]).isCloseTo(1, within(1e-12));
            int n = 60;
            for (int a = 0; a <= n; a++) {
                for (int b = 0; a + b <= n; b++) {
                    double[] y = {a / (double) n, b / (double) n, (n - a - b) / (double) n};
                    assertThat(MinMaxRegret.maxRegret(r, y)).isGreaterThanOrEqualTo(exact.maxRegret() - 1e-9);
                }
            }
            MinMaxRegret.Mixture hedge = MinMaxRegret.hedge(r, 0.05, 20_000);
            assertThat(hedge.maxRegret()).isCloseTo(exact.maxRegret(), within(0.02 * (1 + exact.maxRegret())));
        }
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> MinMaxRegret.regrets(L, new double[] {1, 1})).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("weights:");
        assertThatThrownBy(() -> MinMaxRegret.regrets(new double[][] {{1, 2}, {3}}, new double[] {1, 1})).hasMessageStartingWith("values[1]:");
        assertThatThrownBy(() -> MinMaxRegret.hedge(MinMaxRegret.regrets(L, new double[] {1, 1, 1}), 0, 10)).hasMessageStartingWith("eta:");
    }
}
