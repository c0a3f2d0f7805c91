package io.agora.plugins.torch;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Completion;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.LikelihoodObjective;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TorchModelTest {

    /** One block, two heads, eight features: tiny enough for finite differences in double precision. */
    static TorchModel tiny(boolean float64, int batchTokens) {
        TorchConfig config = new TorchConfig(1, 2, 8, 48, 8, float64);
        Transformer net = new Transformer(config);
        return new TorchModel("tiny", net, Djl.engine(Path.of("target", "djl-cache")), batchTokens, net.initialParameters(7));
    }

    @Test
    void aDrawnRepliesLogProbabilityIsItsScore() {
        TorchModel model = tiny(false, 4096);
        List<Completion> drawn = model.sample(List.of(new SampleRequest("Hi there", 30, 11, 1.0, 37))).get(0);
        assertThat(drawn).hasSize(30);
        List<Completion> ended = drawn.stream().filter(c -> c.tokens() < 37).toList();
        assertThat(ended).isNotEmpty();
        double[] scores = model.score(ended.stream().map(c -> new PromptReply("Hi there", c.text())).toList());
        for (int i = 0; i < scores.length; i++) {
            assertThat(scores[i]).isCloseTo(ended.get(i).logProb(), within(1e-3));
        }
        // The same seed draws the same replies; another seed others.
        assertThat(model.sample(List.of(new SampleRequest("Hi there", 30, 11, 1.0, 37))).get(0)).isEqualTo(drawn);
        assertThat(model.sample(List.of(new SampleRequest("Hi there", 30, 12, 1.0, 37))).get(0)).isNotEqualTo(drawn);
    }

    @Test
    void scoringInSmallBatchesGivesTheSameNumbers() {
        List<PromptReply> replies = List.of(new PromptReply("a", "xy"), new PromptReply("longer prompt", "reply"),
                new PromptReply("", ""), new PromptReply("q", "a much longer reply"));
        double[] one = tiny(true, 4096).score(replies);
        double[] many = tiny(true, 64).score(replies);
        assertThat(many).containsExactly(one, within(1e-12));
        assertThat(java.util.Arrays.stream(one).max().orElseThrow()).isNegative();
        assertThat(new TorchConfig(2, 4, 64, 512, 96, false).parameterCount()).as("the default shape (README)").isEqualTo(138_752);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int batchTokens : new int[] {4096, 64}) { // one pass, and the two-pass path over several batches
            TorchPolicy policy = (TorchPolicy) tiny(true, batchTokens).trainable(TrainingSettings.adam(0.01, 1));
            List<Ranking> rankings = List.of(new Ranking("What is up?", List.of("good", "bad", "so-so"), 1.0), Ranking.pair("x", "yes", "no"));
            PreferenceObjective objective = PreferenceObjective.of(rankings, List.of(new double[] {-9, -8, -12}, new double[] {-4, -5}), 0.5);
            double[] grad = new double[policy.theta().length];
            policy.lossAndGradient(objective, grad);
            SplittableRandom random = new SplittableRandom(3);
            double h = 1e-5;
            for (int k = 0; k < 30; k++) {
                int i = random.nextInt(grad.length);
                double saved = policy.theta()[i];
                policy.theta()[i] = saved + h;
                double up = policy.lossAndGradient(objective, new double[grad.length]);
                policy.theta()[i] = saved - h;
                double down = policy.lossAndGradient(objective, new double[grad.length]);
                policy.theta()[i] = saved;
                double numeric = (up - down) / (2 * h);
                assertThat(grad[i]).as("parameter %d", i).isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void dpoRaisesTheChosenReplies() {
        TorchModel model = tiny(false, 4096);
        List<Ranking> pairs = List.of(Ranking.pair("colour?", "blue", "red"), Ranking.pair("animal?", "cat", "dog"),
                Ranking.pair("number?", "seven", "three"));
        List<PromptReply> items = pairs.stream().flatMap(r -> r.replies().stream().map(y -> new PromptReply(r.prompt(), y))).toList();
        double[] before = model.score(items);
        List<double[]> refs = List.of(new double[] {before[0], before[1]}, new double[] {before[2], before[3]}, new double[] {before[4], before[5]});
        TrainablePolicy policy = model.trainable(TrainingSettings.adam(0.01, 1));
        PreferenceObjective dpo = PreferenceObjective.of(pairs, refs, 1);
        double first = policy.step(dpo);
        double last = first;
        for (int s = 0; s < 40; s++) {
            last = policy.step(dpo);
        }
        assertThat(last).isLessThan(first);
        double[] after = policy.score(items);
        for (int i = 0; i < items.size(); i += 2) {
            assertThat(after[i] - before[i]).as("chosen %s rises against the rejected", items.get(i).reply())
                    .isGreaterThan(after[i + 1] - before[i + 1]);
            assertThat(after[i]).as("chosen %s rises", items.get(i).reply()).isGreaterThan(before[i]);
        }
        assertThat(model.score(items)).containsExactly(before); // the model itself never moves
    }

    @Test
    void aSavedPolicyResumesBitForBit() throws Exception {
        TrainablePolicy policy = tiny(false, 4096).trainable(TrainingSettings.adam(0.01, 1));
        LikelihoodObjective nll = LikelihoodObjective.of(List.of(new PromptReply("p", "abc"), new PromptReply("q", "de")));
        policy.step(nll);
        TrainablePolicy copy = policy.copy();
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        policy.save(saved);
        TrainablePolicy resumed = tiny(false, 4096).trainable(TrainingSettings.adam(0.01, 1));
        resumed.load(new ByteArrayInputStream(saved.toByteArray()));
        assertThat(resumed.steps()).isEqualTo(1);
        for (int s = 0; s < 3; s++) {
            double a = policy.step(nll);
            assertThat(resumed.step(nll)).isEqualTo(a);
            assertThat(copy.step(nll)).isEqualTo(a);
        }
        assertThat(((TorchPolicy) resumed).theta()).containsExactly(((TorchPolicy) policy).theta());
        TorchModel other = new TorchModel("wide", new Transformer(new TorchConfig(1, 2, 16, 48, 8, false)), Djl.engine(Path.of("target")), 4096,
                new double[new TorchConfig(1, 2, 16, 48, 8, false).parameterCount()]);
        assertThatThrownBy(() -> other.trainable(TrainingSettings.adam(0.01, 1)).load(new ByteArrayInputStream(saved.toByteArray())))
                .hasMessageContaining("another shape");
    }

    @Test
    void textTheModelCannotReadIsRefusedNamingTheField() {
        TorchModel model = tiny(false, 4096);
        assertThatThrownBy(() -> model.score(List.of(new PromptReply("ok", "fine"), new PromptReply("ok", "caf\u00e9"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("replies[1].reply").hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> model.score(List.of(new PromptReply("ok", "x".repeat(40)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("replies[0].reply").hasMessageContaining("at most 37");
        assertThatThrownBy(() -> model.sample(List.of(SampleRequest.of("\u00fcber", 1, 1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("requests[0].prompt");
        assertThatThrownBy(() -> new TorchConfig(1, 3, 8, 48, 8, false)).hasMessageContaining("params.width");
    }
}
