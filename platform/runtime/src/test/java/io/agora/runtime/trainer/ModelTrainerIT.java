package io.agora.runtime.trainer;

import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;
import io.agora.runtime.plugins.PluginHost;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The model trainer on the real catalog plugin: versions, checkpoints, resuming, progress. */
class ModelTrainerIT {
    /** The application config, which defines the training dispatcher (the test kit loads application-test.conf only). */
    private static final ActorTestKit KIT = ActorTestKit.create(com.typesafe.config.ConfigFactory.load());
    private static PluginHost host;
    private static LanguageModel catalog;

    @TempDir
    Path folder;

    @BeforeAll
    static void load() {
        host = PluginHost.load(PluginHost.defaultFolder());
        catalog = host.context("t", 1).service(LanguageModels.class).orElseThrow().model("catalog", "model");
    }

    @AfterAll
    static void close() {
        KIT.shutdownTestKit();
        host.close();
    }

    /** Per prompt of the first ten, its most positive reply preferred to its most negative one. */
    private static PreferenceObjective dpo() {
        List<Ranking> pairs = new ArrayList<>();
        List<double[]> refs = new ArrayList<>();
        for (String prompt : catalog.prompts().subList(0, 10)) {
            List<Candidate> c = new ArrayList<>(catalog.candidates(prompt));
            c.sort(Comparator.comparingDouble(x -> x.attribute("sentiment")));
            Ranking r = Ranking.pair(prompt, c.get(c.size() - 1).text(), c.get(0).text());
            pairs.add(r);
            refs.add(catalog.score(List.of(new PromptReply(prompt, r.replies().get(0)), new PromptReply(prompt, r.replies().get(1)))));
        }
        return PreferenceObjective.of(pairs, refs, 1.0);
    }

    private ActorRef<ModelTrainer.Command> trainer(List<ModelTrainer.Progress> heard) {
        return KIT.spawn(ModelTrainer.create(catalog, TrainingSettings.adam(0.002, 3), folder, 2, heard::add), ModelTrainer.DISPATCHER);
    }

    private static ModelTrainer.Trained train(ActorRef<ModelTrainer.Command> t, PreferenceObjective o, int steps) {
        TestProbe<ModelTrainer.Trained> probe = KIT.createTestProbe();
        t.tell(new ModelTrainer.Train(o, steps, probe.getRef()));
        return probe.receiveMessage(java.time.Duration.ofSeconds(30));
    }

    private static ModelTrainer.Scores score(ActorRef<ModelTrainer.Command> t, int version, List<PromptReply> replies) {
        TestProbe<ModelTrainer.Scores> probe = KIT.createTestProbe();
        t.tell(new ModelTrainer.Score(version, replies, probe.getRef()));
        return probe.receiveMessage();
    }

    @Test
    void trainsInVersionsCheckpointsThemAndResumesFromTheLast() {
        List<ModelTrainer.Progress> heard = new CopyOnWriteArrayList<>();
        ActorRef<ModelTrainer.Command> t = trainer(heard);
        PreferenceObjective dpo = dpo();
        // Adam moves each of a reply's few hundred n-gram weights by about the learning rate per step, so a small one.
        ModelTrainer.Trained first = train(t, dpo, 5);
        ModelTrainer.Trained second = train(t, dpo, 5);
        assertThat(first.failure()).isNull();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.loss()).isLessThan(first.loss());
        assertThat(second.klToReference()).isGreaterThan(first.klToReference()).isGreaterThan(0);
        assertThat(heard).hasSize(10);
        assertThat(Files.exists(folder.resolve("v2.state"))).isTrue();

        // The items are (pairs, rejected) pairs: DPO widens every margin between them.
        List<PromptReply> pairs = dpo.items();
        double[] v0 = score(t, 0, pairs).logProbs();
        double[] v2 = score(t, 2, pairs).logProbs();
        assertThat(v0).containsExactly(catalog.score(pairs));
        for (int i = 0; i < v0.length; i += 2) {
            assertThat(v2[i] - v2[i + 1]).isGreaterThan(v0[i] - v0[i + 1]);
        }
        // Kept: version 0 and the last two; an older one is refused with the versions there are.
        train(t, dpo, 1);
        assertThat(score(t, 1, pairs).failure()).isEqualTo("version: 1 is not kept; kept versions: [0, 2, 3]");

        // A trainer started again on the folder resumes from version 3, exactly.
        double[] v3 = score(t, 3, pairs).logProbs();
        KIT.stop(t);
        ActorRef<ModelTrainer.Command> again = trainer(new CopyOnWriteArrayList<>());
        TestProbe<ModelTrainer.Progress> progress = KIT.createTestProbe();
        again.tell(new ModelTrainer.GetProgress(progress.getRef()));
        assertThat(progress.receiveMessage().version()).isEqualTo(3);
        assertThat(score(again, 3, pairs).logProbs()).containsExactly(v3);
        TestProbe<ModelTrainer.Samples> samples = KIT.createTestProbe();
        again.tell(new ModelTrainer.Sample(3, List.of(SampleRequest.of(pairs.get(0).prompt(), 4, 1)), samples.getRef()));
        assertThat(samples.receiveMessage().completions().get(0)).hasSize(4);
    }

    @Test
    void aRefusedObjectiveLeavesTheLastVersionUntouched() {
        ActorRef<ModelTrainer.Command> t = trainer(new CopyOnWriteArrayList<>());
        PreferenceObjective dpo = dpo();
        train(t, dpo, 5);
        List<PromptReply> probe = dpo.items();
        double[] before = score(t, 1, probe).logProbs();
        String prompt = catalog.prompts().get(0);
        PreferenceObjective bad = PreferenceObjective.of(List.of(Ranking.pair(prompt, "not a reply", catalog.candidates(prompt).get(0).text())),
                List.of(new double[] {-1, -1}), 1);
        ModelTrainer.Trained refused = train(t, bad, 3);
        assertThat(refused.version()).isEqualTo(1);
        assertThat(refused.failure()).startsWith("items[0].reply:");
        // The next good step starts from version 1, not from a half-trained state.
        ModelTrainer.Trained next = train(t, dpo, 1);
        assertThat(next.version()).isEqualTo(2);
        assertThat(score(t, 1, probe).logProbs()).containsExactly(before);
        assertThat(score(t, 7, probe).failure()).startsWith("version: 7 is not kept");
    }
}
