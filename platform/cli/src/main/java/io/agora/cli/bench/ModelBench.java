package io.agora.cli.bench;

import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code agora bench --scenario model}: a finite language model's costs, per reply. {@code sample} draws
 * {@code perPrompt} replies to every prompt in one batch; {@code score} scores every candidate of every prompt in one
 * batch; {@code dpoStep} is one DPO step of a trainable copy on one pair per prompt (first candidate over last).
 * Each is timed {@code runs} times after {@code warmup} untimed runs; the medians are reported.
 */
public final class ModelBench {
    private ModelBench() {
    }

    /** Median microseconds per reply drawn and per reply scored, and median milliseconds per DPO step. */
    public record Result(int prompts, int replies, double sampleMicrosPerReply, double scoreMicrosPerReply, double dpoStepMillis, int pairs) {
    }

    public static Result run(LanguageModel model, int perPrompt, int warmup, int runs, PrintStream log) {
        List<String> prompts = model.prompts();
        List<SampleRequest> samples = new ArrayList<>();
        List<PromptReply> all = new ArrayList<>();
        List<Ranking> pairs = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            String p = prompts.get(i);
            samples.add(SampleRequest.of(p, perPrompt, i));
            List<Candidate> candidates = model.candidates(p);
            candidates.forEach(c -> all.add(new PromptReply(p, c.text())));
            pairs.add(Ranking.pair(p, candidates.get(0).text(), candidates.get(candidates.size() - 1).text()));
        }
        List<double[]> refs = new ArrayList<>();
        for (Ranking r : pairs) {
            refs.add(model.score(r.replies().stream().map(y -> new PromptReply(r.prompt(), y)).toList()));
        }
        PreferenceObjective dpo = PreferenceObjective.of(pairs, refs, 1.0);
        TrainablePolicy policy = model.trainable(TrainingSettings.adam(0.01, 1));
        double sample = median(() -> model.sample(samples), warmup, runs) / ((double) perPrompt * prompts.size()) * 1e6;
        double score = median(() -> model.score(all), warmup, runs) / all.size() * 1e6;
        double step = median(() -> policy.step(dpo), warmup, runs) * 1e3;
        log.printf("model %s: %d prompts, %d replies; sample %.2f us/reply, score %.2f us/reply, DPO step %.2f ms (%d pairs)%n",
                model.name(), prompts.size(), all.size(), sample, score, step, pairs.size());
        return new Result(prompts.size(), all.size(), sample, score, step, pairs.size());
    }

    private static double median(Supplier<?> body, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            body.get();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.get();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[runs / 2];
    }
}
