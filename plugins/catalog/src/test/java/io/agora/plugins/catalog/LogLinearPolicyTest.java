package io.agora.plugins.catalog;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.Completion;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.KlTiltObjective;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogLinearPolicyTest {
    private static final CatalogData DATA = CatalogData.builtIn();

    private static CatalogModel model(Features.Kind kind) {
        return new CatalogModel("catalog", DATA, Features.of(DATA, kind, 4096));
    }

    /** Per prompt of {@code prompts}, the most positive reply preferred to the most negative one. */
    private static List<Ranking> sentimentPairs(List<CatalogData.Prompt> prompts) {
        List<Ranking> pairs = new ArrayList<>();
        for (CatalogData.Prompt p : prompts) {
            List<Candidate> byMood = new ArrayList<>(p.candidates());
            byMood.sort(Comparator.comparingDouble(c -> c.attribute("sentiment")));
            pairs.add(Ranking.pair(p.text(), byMood.get(byMood.size() - 1).text(), byMood.get(0).text()));
        }
        return pairs;
    }

    private static PreferenceObjective dpo(CatalogModel reference, List<Ranking> rankings, double beta) {
        List<double[]> refs = new ArrayList<>();
        for (Ranking r : rankings) {
            refs.add(reference.score(r.replies().stream().map(y -> new PromptReply(r.prompt(), y)).toList()));
        }
        return PreferenceObjective.of(rankings, refs, beta);
    }

    @Test
    void aFreshPolicyIsTheReference() {
        CatalogModel reference = model(Features.Kind.NGRAM);
        TrainablePolicy policy = reference.trainable(TrainingSettings.adam(0.05, 1));
        List<PromptReply> all = new ArrayList<>();
        for (CatalogData.Prompt p : DATA.prompts().subList(0, 5)) {
            p.candidates().forEach(c -> all.add(new PromptReply(p.text(), c.text())));
        }
        double[] expected = reference.score(all);
        double[] actual = policy.score(all);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void theParameterGradientMatchesFiniteDifferences() {
        CatalogModel reference = model(Features.Kind.NGRAM);
        LogLinearPolicy policy = (LogLinearPolicy) reference.trainable(TrainingSettings.adam(0.1, 1));
        List<Ranking> rankings = new ArrayList<>(sentimentPairs(DATA.prompts().subList(0, 4)));
        CatalogData.Prompt p = DATA.prompts().get(7);
        rankings.add(new Ranking(p.text(), List.of(p.candidates().get(2).text(), p.candidates().get(0).text(), p.candidates().get(5).text()), 0.7));
        PreferenceObjective objective = dpo(reference, rankings, 2.0);
        for (int i = 0; i < 3; i++) {
            policy.step(objective); // away from θ = 0, where some terms vanish
        }
        double[] grad = new double[policy.theta().length];
        policy.lossAndGradient(objective, grad);
        double h = 1e-6;
        int checked = 0;
        for (int f = 0; f < grad.length && checked < 60; f++) {
            if (grad[f] == 0) {
                continue;
            }
            double saved = policy.theta()[f];
            policy.theta()[f] = saved + h;
            double up = policy.lossAndGradient(objective, new double[grad.length]);
            policy.theta()[f] = saved - h;
            double down = policy.lossAndGradient(objective, new double[grad.length]);
            policy.theta()[f] = saved;
            double numeric = (up - down) / (2 * h);
            assertThat(grad[f]).as("dL/dθ[%d]", f).isCloseTo(numeric, within(1e-8 + 1e-5 * Math.abs(numeric)));
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** log π(chosen) − log π(rejected) of a pair. */
    private static double margin(io.agora.api.lm.LanguageModel m, Ranking pair) {
        double[] lp = m.score(pair.replies().stream().map(y -> new PromptReply(pair.prompt(), y)).toList());
        return lp[0] - lp[1];
    }

    @Test
    void dpoOnASeparableSetRaisesEveryChosenReply() {
        // Per prompt one reply (the friendliest correct one) is preferred to each of the others: the data is
        // separable, and a tabular policy can raise every chosen reply at once.
        CatalogModel reference = model(Features.Kind.TABULAR);
        TrainablePolicy policy = reference.trainable(TrainingSettings.adam(0.05, 1));
        List<Ranking> train = new ArrayList<>();
        List<PromptReply> chosen = new ArrayList<>();
        for (CatalogData.Prompt p : DATA.prompts().subList(0, 30)) {
            Candidate best = p.candidates().stream().max(Comparator.comparingDouble(c -> c.attribute("sentiment") + c.attribute("correct"))).orElseThrow();
            chosen.add(new PromptReply(p.text(), best.text()));
            for (Candidate other : p.candidates()) {
                if (other != best) {
                    train.add(Ranking.pair(p.text(), best.text(), other.text()));
                }
            }
        }
        PreferenceObjective objective = dpo(reference, train, 1.0);
        double first = policy.step(objective);
        double last = first;
        for (int i = 0; i < 100; i++) {
            last = policy.step(objective);
        }
        assertThat(last).isLessThan(first / 2);
        double[] before = reference.score(chosen);
        double[] after = policy.score(chosen);
        for (int i = 0; i < chosen.size(); i++) {
            assertThat(after[i]).as(chosen.get(i).prompt()).isGreaterThan(before[i]);
        }
    }

    @Test
    void dpoWithNgramFeaturesWidensEveryMarginAndGeneralizes() {
        CatalogModel reference = model(Features.Kind.NGRAM);
        TrainablePolicy policy = reference.trainable(TrainingSettings.adam(0.05, 1));
        List<Ranking> train = sentimentPairs(DATA.prompts().subList(0, 80));
        PreferenceObjective objective = dpo(reference, train, 1.0);
        for (int i = 0; i < 60; i++) {
            policy.step(objective);
        }
        for (Ranking r : train) {
            assertThat(margin(policy, r)).as(r.prompt()).isGreaterThan(margin(reference, r));
        }
        // The n-gram features carry the preference to prompts it never saw.
        List<Ranking> heldOut = sentimentPairs(DATA.prompts().subList(80, 112));
        long widened = heldOut.stream().filter(r -> margin(policy, r) > margin(reference, r)).count();
        assertThat(widened).isGreaterThan(heldOut.size() * 3L / 4);
    }

    @Test
    void aTabularPolicyTrainedOnTheKlObjectiveReachesTheClosedFormTilt() {
        CatalogModel reference = model(Features.Kind.TABULAR);
        TrainablePolicy policy = reference.trainable(TrainingSettings.adam(0.05, 1));
        CatalogData.Prompt p = DATA.prompts().get(3);
        double[] reward = p.candidates().stream().mapToDouble(c -> c.attribute("sentiment") + c.attribute("correct")).toArray();
        double lambda = 0.5;
        KlTiltObjective objective = KlTiltObjective.of(List.of(new KlTiltObjective.CandidateSet(p.text(),
                p.candidates().stream().map(Candidate::text).toList(), reward, p.logProbs())), lambda);
        for (int i = 0; i < 3000; i++) {
            policy.step(objective);
        }
        double[] expected = new double[reward.length];
        double z = 0;
        for (int c = 0; c < reward.length; c++) {
            expected[c] = Math.exp(p.logProbs()[c] + reward[c] / lambda);
            z += expected[c];
        }
        double[] got = policy.score(p.candidates().stream().map(c -> new PromptReply(p.text(), c.text())).toList());
        for (int c = 0; c < reward.length; c++) {
            assertThat(Math.exp(got[c])).isCloseTo(expected[c] / z, within(1e-3));
        }
    }

    @Test
    void aSavedPolicyResumesBitForBit() throws Exception {
        CatalogModel reference = model(Features.Kind.NGRAM);
        TrainablePolicy a = reference.trainable(TrainingSettings.adam(0.05, 1));
        PreferenceObjective objective = dpo(reference, sentimentPairs(DATA.prompts().subList(0, 20)), 1.0);
        for (int i = 0; i < 5; i++) {
            a.step(objective);
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        a.save(saved);
        TrainablePolicy copy = a.copy();
        for (int i = 0; i < 5; i++) {
            a.step(objective);
            copy.step(objective);
        }
        TrainablePolicy b = reference.trainable(TrainingSettings.adam(0.05, 1));
        b.load(new ByteArrayInputStream(saved.toByteArray()));
        assertThat(b.steps()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            b.step(objective);
        }
        List<PromptReply> probe = objective.items();
        assertThat(b.score(probe)).containsExactly(a.score(probe));
        assertThat(copy.score(probe)).containsExactly(a.score(probe));
        assertThatThrownBy(() -> model(Features.Kind.TABULAR).trainable(TrainingSettings.adam(0.05, 1)).load(new ByteArrayInputStream(saved.toByteArray())))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("parameters");
    }

    @Test
    void samplingFollowsTheModelAndReportsItsLogProbabilities() {
        CatalogModel reference = model(Features.Kind.NGRAM);
        CatalogData.Prompt p = DATA.prompts().get(0);
        List<Completion> drawn = reference.sample(List.of(SampleRequest.of(p.text(), 20_000, 5))).get(0);
        for (int c = 0; c < p.candidates().size(); c++) {
            String text = p.candidates().get(c).text();
            long n = drawn.stream().filter(d -> d.text().equals(text)).count();
            assertThat(n / 20_000.0).isCloseTo(Math.exp(p.logProbs()[c]), within(0.015));
        }
        Completion one = drawn.get(0);
        assertThat(one.logProb()).isEqualTo(reference.score(List.of(new PromptReply(p.text(), one.text())))[0]);
        assertThat(reference.sample(List.of(SampleRequest.of(p.text(), 50, 5)))).isEqualTo(reference.sample(List.of(SampleRequest.of(p.text(), 50, 5))));
    }

    @Test
    void unknownPromptsAndRepliesAreNamed() {
        CatalogModel reference = model(Features.Kind.NGRAM);
        CatalogData.Prompt p = DATA.prompts().get(0);
        assertThat(reference.score(List.of(new PromptReply(p.text(), "not a candidate")))[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> reference.score(List.of(new PromptReply("no such prompt", "x"))))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("replies[0].prompt:");
        TrainablePolicy policy = reference.trainable(TrainingSettings.adam(0.05, 1));
        assertThatThrownBy(() -> policy.step(PreferenceObjective.of(List.of(Ranking.pair(p.text(), "x", p.candidates().get(0).text())),
                List.of(new double[] {-1, -1}), 1))).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("items[0].reply:");
    }
}
