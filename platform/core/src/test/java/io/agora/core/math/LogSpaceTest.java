package io.agora.core.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LogSpaceTest {

    @Test
    void expNegAgreesWithMathExpToTwoUlp() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000_000; i++) {
            double scale = Math.pow(10, -8 + 10 * random.nextDouble());
            double x = (random.nextBoolean() ? 1 : -1) * scale * random.nextDouble();
            double expected = Math.exp(-x);
            assertThat(Math.abs(LogSpace.expNeg(x) - expected)).as("x = %s", x).isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
    }

    @Test
    void expNegIsAccurateAtTheSeriesBoundaries() {
        for (double edge : new double[] {LogSpace.SHORT_SERIES_LIMIT, LogSpace.SERIES_LIMIT}) {
            double below = Math.nextDown(edge);
            assertThat(Math.abs(LogSpace.expNeg(below) - Math.exp(-below))).isLessThanOrEqualTo(2 * Math.ulp(Math.exp(-below)));
            assertThat(Math.abs(LogSpace.expNeg(edge) - Math.exp(-edge))).isLessThanOrEqualTo(2 * Math.ulp(Math.exp(-edge)));
        }
        assertThat(LogSpace.expNeg(LogSpace.SERIES_LIMIT * 2)).isEqualTo(Math.exp(-LogSpace.SERIES_LIMIT * 2));
        assertThat(LogSpace.expNeg(0)).isEqualTo(1.0);
    }

    @Test
    void logSumExpSurvivesHugeArguments() {
        assertThat(LogSpace.logSumExp(new double[] {1000, 1000})).isEqualTo(1000 + Math.log(2));
        assertThat(LogSpace.logSumExp(new double[] {Double.NEGATIVE_INFINITY})).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
