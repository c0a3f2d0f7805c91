package io.agora.core.online;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnlineWeightsTest {

    @Test
    void oneSlotByHand() {
        OnlineWeights w = new OnlineWeights(2, 0.5, OnlineWeights.Loss.BRIER, OnlineWeights.Update.LINEAR);
        double[] p = {0.9, 0.2};
        assertThat(w.aggregate(p, OnlineWeights.all(2))).isCloseTo(0.55, within(1e-15));
        w.update(p, OnlineWeights.all(2), 1);
        // Losses 0.01 and 0.64, mean 0.325: weights 0.5·(1 − 0.5·(−0.315)) and 0.5·(1 − 0.5·0.315).
        assertThat(w.weights()).containsExactly(new double[] {0.57875, 0.42125}, within(1e-15));
    }

    @Test
    void weightsStayPositiveSumToOneAndConcentrateOnTheMostAccurateLabeler() {
        for (OnlineWeights.Update update : OnlineWeights.Update.values()) {
            OnlineWeights w = new OnlineWeights(4, 0.3, OnlineWeights.Loss.BRIER, update);
            SplittableRandom random = new SplittableRandom(1);
            double[] noise = {0.02, 0.2, 0.3, 0.4};
            for (int t = 0; t < 3000; t++) {
                double q = random.nextDouble();
                double o = random.nextDouble() < q ? 1 : 0;
                double[] p = new double[4];
                for (int i = 0; i < 4; i++) {
                    p[i] = Math.max(0, Math.min(1, q + noise[i] * gaussian(random)));
                }
                w.update(p, OnlineWeights.all(4), o);
                double sum = 0;
                for (double x : w.weights()) {
                    assertThat(x).isPositive();
                    sum += x;
                }
                assertThat(sum).isCloseTo(1, within(1e-9));
            }
            double[] end = w.weights();
            assertThat(end[0]).as(update + ": the most accurate labeler").isGreaterThan(0.5).isGreaterThan(end[1]);
            assertThat(end[1]).isGreaterThan(end[3]);
        }
    }

    @Test
    void labelersWhoDidNotReportKeepTheirWeight() {
        OnlineWeights w = new OnlineWeights(3, 0.5, OnlineWeights.Loss.ABSOLUTE, OnlineWeights.Update.LINEAR);
        w.update(new double[] {1, 0, 0.5}, new boolean[] {true, true, false}, 1);
        double[] after = w.weights();
        assertThat(after[2]).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(after[0] + after[1]).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(w.aggregate(new double[] {1, 0, 0}, new boolean[] {true, true, false})).isCloseTo(after[0] / (after[0] + after[1]), within(1e-15));
    }

    @Test
    void badSettingsAndStatesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new OnlineWeights(2, 0.7, OnlineWeights.Loss.BRIER, OnlineWeights.Update.LINEAR))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("eta:");
        OnlineWeights w = new OnlineWeights(2, 0.1, OnlineWeights.Loss.BRIER, OnlineWeights.Update.LINEAR);
        assertThatThrownBy(() -> w.restore(new double[] {0.7, 0.7})).hasMessageStartingWith("weights: must sum to 1");
        assertThatThrownBy(() -> w.restore(new double[] {1, 0})).hasMessageStartingWith("weights: every weight must be a positive");
        assertThatThrownBy(() -> OnlineWeights.Loss.of("log")).hasMessageStartingWith("loss: must be brier or absolute");
        assertThat(OnlineWeights.defaultEta(8, 10_000)).isCloseTo(Math.sqrt(Math.log(8) / 10_000), within(1e-15));
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
