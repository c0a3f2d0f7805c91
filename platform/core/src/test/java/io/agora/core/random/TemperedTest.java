package io.agora.core.random;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TemperedTest {
    private static double[] frequencies(double[] logProbs, double temperature) {
        Tempered t = new Tempered(logProbs, temperature);
        SplittableRandom random = new SplittableRandom(3);
        double[] f = new double[logProbs.length];
        for (int i = 0; i < 100_000; i++) {
            f[t.draw(random)] += 1e-5;
        }
        return f;
    }

    @Test
    void atTemperatureOneItDrawsTheDistributionAndTemperatureSharpensOrFlattensIt() {
        double[] lp = {Math.log(0.5), Math.log(0.3), Math.log(0.2), Double.NEGATIVE_INFINITY};
        double[] one = frequencies(lp, 1);
        assertThat(one[0]).isCloseTo(0.5, within(0.01));
        assertThat(one[1]).isCloseTo(0.3, within(0.01));
        assertThat(one[3]).isZero();
        // T = 0.5 squares the probabilities (then normalizes): 0.25, 0.09, 0.04 over 0.38.
        double[] sharp = frequencies(lp, 0.5);
        assertThat(sharp[0]).isCloseTo(0.25 / 0.38, within(0.01));
        assertThat(frequencies(lp, 100)[2]).isCloseTo(1 / 3.0, within(0.01));
    }
}
