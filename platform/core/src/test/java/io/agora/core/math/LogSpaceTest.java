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
    void expNegIsExactAtTheSeriesBoundary() {
        double edge = LogSpace.SERIES_LIMIT;
        assertThat(Math.abs(LogSpace.expNeg(Math.nextDown(edge)) - Math.exp(-Math.nextDown(edge)))).isLessThanOrEqualTo(2 * Math.ulp(1.0));
        assertThat(LogSpace.expNeg(edge)).isEqualTo(Math.exp(-edge));
        assertThat(LogSpace.expNeg(0)).isEqualTo(1.0);
    }

    @Test
    void logSumExpSurvivesHugeArguments() {
        assertThat(LogSpace.logSumExp(new double[] {1000, 1000})).isEqualTo(1000 + Math.log(2));
        assertThat(LogSpace.logSumExp(new double[] {Double.NEGATIVE_INFINITY})).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
