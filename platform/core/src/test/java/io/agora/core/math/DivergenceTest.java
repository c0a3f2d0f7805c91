package io.agora.core.math;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each divergence's optimum against brute force over a fine grid of the 3-outcome simplex. */
class DivergenceTest {
    private static final int GRID = 600;

    @ParameterizedTest
    @EnumSource(Divergence.class)
    void optimumMatchesBruteForceOnTinyInstances(Divergence d) {
        SplittableRandom random = new SplittableRandom(d.ordinal() + 11);
        for (int instance = 0; instance < 25; instance++) {
            double[] r = {2 * random.nextDouble(), 2 * random.nextDouble(), 2 * random.nextDouble()};
            double[] q = {0.1 + random.nextDouble(), 0.1 + random.nextDouble(), 0.1 + random.nextDouble()};
            double s = q[0] + q[1] + q[2];
            double[] logQ = new double[3];
            for (int y = 0; y < 3; y++) {
                q[y] /= s;
                logQ[y] = Math.log(q[y]);
            }
            double lambda = 0.05 + random.nextDouble();

            Optimum opt = d.optimum(r, logQ, lambda);
            double brute = Double.NEGATIVE_INFINITY;
            for (int a = 0; a <= GRID; a++) {
                for (int b = 0; a + b <= GRID; b++) {
                    double[] p = {a / (double) GRID, b / (double) GRID, (GRID - a - b) / (double) GRID};
                    brute = Math.max(brute, objective(d, p, r, q, lambda));
                }
            }
            assertThat(opt.probs()[0] + opt.probs()[1] + opt.probs()[2]).isCloseTo(1, within(1e-12));
            assertThat(opt.value()).as("instance %d: the optimum's reported value", instance)
                    .isCloseTo(objective(d, opt.probs(), r, q, lambda), within(1e-9));
            assertThat(opt.value()).as("instance %d: no grid point beats the optimum", instance).isGreaterThanOrEqualTo(brute - 1e-9);
            assertThat(opt.value()).as("instance %d: the grid gets close to the optimum", instance).isLessThan(brute + 0.02);
        }
    }

    private static double objective(Divergence d, double[] p, double[] r, double[] q, double lambda) {
        return p[0] * r[0] + p[1] * r[1] + p[2] * r[2] - d.value(p, q, lambda);
    }
}
