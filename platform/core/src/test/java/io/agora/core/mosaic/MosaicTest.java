package io.agora.core.mosaic;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MosaicTest {
    private static final double[] REF = {Math.log(0.4), Math.log(0.3), Math.log(0.2), Math.log(0.1)};
    private static final double[] UNIFORM = {Math.log(0.25), Math.log(0.25), Math.log(0.25), Math.log(0.25)};
    private static final double[][] REWARDS = {{0, 1, 0.2, 2}, {0.5, 0, 1.5, 0}};

    /** The specification's test vector: 4 candidates, π_gen uniform, τ = 1, advertisers A and B. */
    @Test
    void theSpecificationsTestVector() {
        Mosaic.Result r = Mosaic.clear(REWARDS, REF, UNIFORM, 1);
        assertThat(r.q()).containsExactly(new double[] {0.199321, 0.246469, 0.330885, 0.223324}, within(1e-6));
        assertThat(r.welfare()).isCloseTo(1.196546, within(1e-6));
        assertThat(r.payments()).containsExactly(new double[] {0.233562, 0.187296}, within(1e-6));
        assertThat(r.values()).containsExactly(new double[] {0.759295, 0.595989}, within(1e-6));
        assertThat(r.utility(0)).isCloseTo(0.525733, within(1e-6));
        assertThat(r.utility(1)).isCloseTo(0.408693, within(1e-6));
        // Truthful utility is the marginal contribution, to machine precision.
        for (int i = 0; i < 2; i++) {
            assertThat(r.utility(i)).isCloseTo(r.welfare() - r.welfareWithout()[i], within(1e-14));
        }
    }

    /**
     * DSIC on a realized candidate set: no random misreport of an advertiser beats reporting its true rewards, with
     * the others' reports fixed; payments are at least 0 and utilities too when rewards are at least 0.
     */
    @Test
    void noMisreportBeatsTheTruthOnAnyCandidateSet() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int m = 2 + random.nextInt(8);
            int n = 1 + random.nextInt(4);
            double[] ref = logDistribution(m, random);
            double[] gen = random.nextBoolean() ? ref.clone() : logDistribution(m, random);
            double tau = 0.2 + 2 * random.nextDouble();
            double[][] truth = new double[n][m];
            for (double[] row : truth) {
                for (int j = 0; j < m; j++) {
                    row[j] = 2 * random.nextDouble();
                }
            }
            Mosaic.Result honest = Mosaic.clear(truth, ref, gen, tau);
            for (int i = 0; i < n; i++) {
                assertThat(honest.payments()[i]).isGreaterThanOrEqualTo(-1e-12);
                assertThat(honest.utility(i)).isGreaterThanOrEqualTo(-1e-12);
                for (int k = 0; k < 20; k++) {
                    double[][] reports = new double[n][];
                    for (int a = 0; a < n; a++) {
                        reports[a] = truth[a].clone();
                    }
                    for (int j = 0; j < m; j++) {
                        reports[i][j] = k % 2 == 0 ? truth[i][j] * (0.2 + 2 * random.nextDouble()) : 3 * random.nextDouble();
                    }
                    Mosaic.Result lie = Mosaic.clear(reports, ref, gen, tau);
                    double trueValue = 0;
                    for (int j = 0; j < m; j++) {
                        trueValue += lie.q()[j] * truth[i][j];
                    }
                    assertThat(trueValue - lie.payments()[i]).as("trial %d, advertiser %d", trial, i).isLessThanOrEqualTo(honest.utility(i) + 1e-9);
                }
            }
        }
    }

    @Test
    void withManyCandidatesTheLawApproachesTheTiltedReference() {
        // Candidates drawn from the reference itself: q is then the tilt of the empirical reference, exactly.
        double[] ref = {Math.log(0.5), Math.log(0.5)};
        Mosaic.Result r = Mosaic.clear(new double[][] {{Math.log(3), 0}}, ref, ref, 1);
        assertThat(r.q()).containsExactly(new double[] {0.75, 0.25}, within(1e-12));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Mosaic.clear(REWARDS, REF, new double[] {0, 0}, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("generator:");
        assertThatThrownBy(() -> Mosaic.clear(REWARDS, REF, UNIFORM, 0)).hasMessageStartingWith("tau:");
        assertThatThrownBy(() -> Mosaic.clear(new double[][] {{1, 2}}, REF, UNIFORM, 1)).hasMessageStartingWith("rewards:");
    }

    private static double[] logDistribution(int m, SplittableRandom random) {
        double[] p = new double[m];
        double sum = 0;
        for (int j = 0; j < m; j++) {
            p[j] = 0.05 + random.nextDouble();
            sum += p[j];
        }
        for (int j = 0; j < m; j++) {
            p[j] = Math.log(p[j] / sum);
        }
        return p;
    }
}
