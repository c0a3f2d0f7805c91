package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmDpoTest {
    /** Two types with opposite tastes over three arms: type 0 likes arm 0 best, type 1 arm 2. */
    private static final double[][] UTILITY = {{2, 0, -2}, {-2, 0, 2}};

    /** A full ranking of the arms drawn from Plackett–Luce with the type's utilities. */
    private static Ranking draw(int type, SplittableRandom random) {
        List<Integer> left = new ArrayList<>(List.of(0, 1, 2));
        List<String> order = new ArrayList<>();
        while (!left.isEmpty()) {
            double total = 0;
            for (int a : left) {
                total += Math.exp(UTILITY[type][a]);
            }
            double u = random.nextDouble() * total;
            int pick = left.get(left.size() - 1);
            for (int a : left) {
                u -= Math.exp(UTILITY[type][a]);
                if (u < 0) {
                    pick = a;
                    break;
                }
            }
            left.remove(Integer.valueOf(pick));
            order.add(Integer.toString(pick));
        }
        return new Ranking("bandit", order, 1);
    }

    @Test
    void emDpoRecoversTwoOpposedTypesFromRankings() {
        SplittableRandom random = new SplittableRandom(4);
        List<List<Ranking>> annotators = new ArrayList<>();
        int[] truth = new int[60];
        for (int a = 0; a < truth.length; a++) {
            truth[a] = a < 18 ? 0 : 1; // shares 0.3 and 0.7
            List<Ranking> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                mine.add(draw(truth[a], random));
            }
            annotators.add(mine);
        }
        for (EmDpo.Init init : EmDpo.Init.values()) {
            EmDpo.Result r = EmDpo.run(annotators, Bandit.of("bandit", new double[] {1, 1, 1}),
                    new EmDpo.Settings(2, 1.0, 10, 30, init, TrainingSettings.adam(0.1, 9)));
            // Which learned type is type 0: the one whose policy puts most mass on arm 0.
            double[] p0 = ((Bandit) r.policies().get(0)).probabilities();
            double[] p1 = ((Bandit) r.policies().get(1)).probabilities();
            int zero = p0[0] > p1[0] ? 0 : 1;
            int right = 0;
            for (int a = 0; a < truth.length; a++) {
                int map = r.gamma()[a][zero] >= 0.5 ? 0 : 1;
                right += map == truth[a] ? 1 : 0;
            }
            assertThat(right).as(init.name()).isGreaterThanOrEqualTo(57);
            assertThat(r.eta()[zero]).as(init.name()).isCloseTo(0.3, within(0.06));
            Bandit likesZero = (Bandit) r.policies().get(zero);
            Bandit likesTwo = (Bandit) r.policies().get(1 - zero);
            assertThat(likesZero.probabilities()[0]).isGreaterThan(likesZero.probabilities()[2]);
            assertThat(likesTwo.probabilities()[2]).isGreaterThan(likesTwo.probabilities()[0]);
            assertThat(r.logLikelihoods()[9]).isGreaterThan(r.logLikelihoods()[0]);
        }
    }

    @Test
    void oneTypeIsPlainDpoAndTheSameSeedGivesTheSameResult() {
        SplittableRandom random = new SplittableRandom(5);
        List<List<Ranking>> annotators = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            annotators.add(List.of(draw(a % 2, random), draw(a % 2, random)));
        }
        EmDpo.Settings one = new EmDpo.Settings(1, 1.0, 3, 10, EmDpo.Init.RANDOM, TrainingSettings.adam(0.1, 2));
        EmDpo.Result r = EmDpo.run(annotators, Bandit.of("bandit", new double[] {1, 1, 1}), one);
        assertThat(r.eta()).hasSize(1);
        assertThat(r.eta()[0]).isCloseTo(1.0, within(1e-12));
        for (double[] row : r.gamma()) {
            assertThat(row).containsExactly(1.0);
        }
        EmDpo.Result again = EmDpo.run(annotators, Bandit.of("bandit", new double[] {1, 1, 1}), one);
        assertThat(((Bandit) again.policies().get(0)).probabilities()).containsExactly(((Bandit) r.policies().get(0)).probabilities());
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new EmDpo.Settings(0, 1, 1, 1, EmDpo.Init.RANDOM, TrainingSettings.adam(0.1, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("types:");
        assertThatThrownBy(() -> EmDpo.run(List.of(List.of()), Bandit.of("bandit", new double[] {1, 1, 1}),
                new EmDpo.Settings(2, 1, 1, 1, EmDpo.Init.RANDOM, TrainingSettings.adam(0.1, 1)))).hasMessageStartingWith("annotators:");
    }
}
