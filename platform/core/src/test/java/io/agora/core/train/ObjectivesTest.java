package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ObjectivesTest {

    /** Central differences of the loss against the gradient the objective returns, entry by entry. */
    static void assertGradientMatchesFiniteDifferences(Objective objective, double[] at) {
        double[] gradient = new double[at.length];
        objective.loss(at, gradient);
        double h = 1e-6;
        for (int i = 0; i < at.length; i++) {
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (objective.loss(plus, new double[at.length]) - objective.loss(minus, new double[at.length])) / (2 * h);
            assertThat(gradient[i]).as("d loss / d logProb[%d]", i).isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
        }
    }

    @Test
    void aPairIsTheDpoLoss() {
        double beta = 0.5;
        PreferenceObjective dpo = PreferenceObjective.of(List.of(Ranking.pair("x", "good", "bad")), List.of(new double[] {-1.0, -2.0}), beta);
        double[] logProbs = {-0.7, -2.5};
        double margin = beta * ((-0.7 + 1.0) - (-2.5 + 2.0));
        double expected = Math.log1p(Math.exp(-margin)); // −log σ(margin)
        assertThat(dpo.loss(logProbs, new double[2])).isCloseTo(expected, within(1e-15));
    }

    @Test
    void preferenceGradientsMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(3);
        List<Ranking> rankings = List.of(
                Ranking.pair("x", "a", "b"),
                new Ranking("x", List.of("c", "a", "b"), 0.3),
                new Ranking("y", List.of("d", "e", "f", "g"), 2.0));
        List<double[]> refs = List.of(new double[] {-1, -1.5}, new double[] {-2, -1, -1.5}, new double[] {-1.2, -1.4, -1.6, -1.8});
        PreferenceObjective objective = PreferenceObjective.of(rankings, refs, 1.7);
        for (int trial = 0; trial < 20; trial++) {
            double[] at = new double[objective.items().size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = -0.1 - 4 * random.nextDouble();
            }
            assertGradientMatchesFiniteDifferences(objective, at);
        }
    }

    @Test
    void aWeightOfZeroRemovesARanking() {
        PreferenceObjective both = PreferenceObjective.of(List.of(Ranking.pair("x", "a", "b"), Ranking.pair("x", "b", "a").withWeight(0)),
                List.of(new double[] {-1, -1}, new double[] {-1, -1}), 1);
        PreferenceObjective one = PreferenceObjective.of(List.of(Ranking.pair("x", "a", "b")), List.of(new double[] {-1, -1}), 1);
        // Same pull from the first ranking, halved by the mean over two rankings.
        assertThat(both.loss(new double[] {-0.5, -2, -2, -0.5}, new double[4])).isCloseTo(one.loss(new double[] {-0.5, -2}, new double[2]) / 2, within(1e-15));
    }

    @Test
    void likelihoodIsTheMeanNegativeLogProbability() {
        LikelihoodObjective nll = LikelihoodObjective.of(List.of(new PromptReply("x", "a"), new PromptReply("x", "b")));
        double[] g = new double[2];
        assertThat(nll.loss(new double[] {-1, -3}, g)).isEqualTo(2.0);
        assertThat(g).containsExactly(-0.5, -0.5);
        assertGradientMatchesFiniteDifferences(nll, new double[] {-0.7, -2.1});
        assertThatThrownBy(() -> LikelihoodObjective.of(List.of())).hasMessageContaining("items");
    }

    @Test
    void restrictingToCandidateSetsChainsTheGradientThroughTheNormalizer() {
        PreferenceObjective dpo = PreferenceObjective.of(List.of(new Ranking("x", List.of("c", "a", "b"), 1), Ranking.pair("y", "e", "d")),
                List.of(new double[] {-1, -2, -1.5}, new double[] {-0.3, -0.9}), 0.8);
        java.util.Map<String, List<String>> sets = java.util.Map.of("x", List.of("a", "b", "c", "z"), "y", List.of("d", "e"));
        CandidateObjective restricted = new CandidateObjective(dpo, sets::get);
        assertThat(restricted.items()).extracting(PromptReply::reply).containsExactly("a", "b", "c", "z", "d", "e");
        // Raw log-probabilities of an unrestricted model: far below 0, and not normalized over the candidates.
        double[] raw = {-40, -41.5, -39.2, -45, -12, -13.1};
        assertGradientMatchesFiniteDifferences(restricted, raw);
        // The preference loss does not change when every candidate of a prompt moves together.
        double[] shifted = {-30, -31.5, -29.2, -35, -12, -13.1};
        assertThat(restricted.loss(shifted, new double[6])).isCloseTo(restricted.loss(raw, new double[6]), within(1e-12));
        assertThatThrownBy(() -> new CandidateObjective(LikelihoodObjective.of(List.of(new PromptReply("y", "q"))), sets::get))
                .hasMessageContaining("items[0].reply");
    }

    @Test
    void klTiltGradientsMatchFiniteDifferences() {
        KlTiltObjective objective = KlTiltObjective.of(List.of(
                new KlTiltObjective.CandidateSet("x", List.of("a", "b", "c"), new double[] {1, 0, -1}, new double[] {Math.log(0.5), Math.log(0.3), Math.log(0.2)}),
                new KlTiltObjective.CandidateSet("y", List.of("d", "e"), new double[] {0.2, 0.4}, new double[] {Math.log(0.6), Math.log(0.4)})), 0.7);
        assertGradientMatchesFiniteDifferences(objective, new double[] {Math.log(0.2), Math.log(0.5), Math.log(0.3), Math.log(0.9), Math.log(0.1)});
    }

    @Test
    void theClosedFormTiltIsStationaryOnTheSimplex() {
        double lambda = 0.8;
        double[] q = {0.5, 0.3, 0.2};
        double[] reward = {1, 0, -1};
        double[] logPi = new double[3];
        double z = 0;
        for (int y = 0; y < 3; y++) {
            z += q[y] * Math.exp(reward[y] / lambda);
        }
        for (int y = 0; y < 3; y++) {
            logPi[y] = Math.log(q[y] * Math.exp(reward[y] / lambda) / z);
        }
        KlTiltObjective objective = KlTiltObjective.of(List.of(new KlTiltObjective.CandidateSet("x", List.of("a", "b", "c"), reward,
                new double[] {Math.log(q[0]), Math.log(q[1]), Math.log(q[2])})), lambda);
        double[] g = new double[3];
        objective.loss(logPi, g);
        // At the optimum the gradient with respect to log π is proportional to π: no direction along the simplex helps.
        double ratio = g[0] / Math.exp(logPi[0]);
        for (int y = 1; y < 3; y++) {
            assertThat(g[y] / Math.exp(logPi[y])).isCloseTo(ratio, within(1e-12));
        }
        // And its loss is −G(R) = −λ·log Z.
        assertThat(objective.loss(logPi, g)).isCloseTo(-lambda * Math.log(z), within(1e-12));
    }

    @Test
    void badRankingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Ranking("x", List.of("a"), 1)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("replies:");
        assertThatThrownBy(() -> new Ranking("x", List.of("a", "a"), 1)).hasMessageStartingWith("replies:");
        assertThatThrownBy(() -> new Ranking("x", List.of("a", "b"), Double.NaN)).hasMessageStartingWith("weight:");
        assertThatThrownBy(() -> PreferenceObjective.of(List.of(Ranking.pair("x", "a", "b")), List.of(new double[] {-1, Double.NEGATIVE_INFINITY}), 1))
                .hasMessageStartingWith("referenceLogProbs[0][1]:");
    }

    @Test
    void adamMinimizesAQuadratic() {
        Adam adam = new Adam(io.agora.api.lm.TrainingSettings.adam(0.05, 1), 2);
        double[] p = {3, -2};
        for (int i = 0; i < 2000; i++) {
            adam.step(p, new double[] {2 * (p[0] - 1), 2 * (p[1] + 0.5)});
        }
        assertThat(p[0]).isCloseTo(1, within(1e-3));
        assertThat(p[1]).isCloseTo(-0.5, within(1e-3));
        assertThat(adam.steps()).isEqualTo(2000);
    }
}
