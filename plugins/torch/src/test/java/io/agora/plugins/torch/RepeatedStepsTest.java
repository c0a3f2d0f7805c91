package io.agora.plugins.torch;

import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.LikelihoodObjective;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training the default shape on long replies, in several batches per step, while the garbage collector runs (this
 * module's tests run in a small heap). Arrays that only a Java object kept alive once let the backward pass read freed
 * memory here, and the loss turned NaN after a few steps.
 */
class RepeatedStepsTest {
    @Test
    void stepsStayFiniteWhileTheCollectorRuns() {
        TorchConfig config = new TorchConfig(2, 4, 64, 512, 96, false);
        Transformer net = new Transformer(config);
        TorchModel model = new TorchModel("t", net, Djl.engine(Path.of("target", "djl-cache")), 2048, net.initialParameters(1));
        TrainablePolicy policy = model.trainable(TrainingSettings.adam(0.003, 1));
        SplittableRandom random = new SplittableRandom(5);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 12; step++) {
            List<PromptReply> batch = new ArrayList<>();
            for (int b = 0; b < 16; b++) {
                StringBuilder reply = new StringBuilder();
                int n = 100 + random.nextInt(300);
                for (int i = 0; i < n; i++) {
                    reply.append((char) ('a' + random.nextInt(26)));
                }
                batch.add(new PromptReply("prompt " + b, reply.toString()));
            }
            last = policy.step(LikelihoodObjective.of(batch));
            assertThat(last).as("loss at step %d", step).isFinite();
            first = step == 0 ? last : first;
        }
        assertThat(last).isLessThan(first);
    }
}
