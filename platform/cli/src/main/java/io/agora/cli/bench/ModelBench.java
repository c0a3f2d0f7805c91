package io.agora.cli.bench;

import io.agora.api.lm.Candidate;
import io.agora.api.lm.Completion;
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
    private static final int OPEN_PROMPTS = 8;
    private static final int OPEN_TOKENS = 64;

    private ModelBench() {
    }

    /** Median microseconds per reply drawn and per reply scored, and median milliseconds per DPO step. */
    public record Result(int prompts, int replies, double sampleMicrosPerReply, double scoreMicrosPerReply, double dpoStepMillis, int pairs) {
    }

    /**
     * @param corpus the finite model whose prompts and candidates are drawn, scored and trained on: {@code model}
     *               itself when it is finite; else its first {@value #OPEN_PROMPTS} prompts, and replies of at most
     *               {@value #OPEN_TOKENS} tokens are drawn token by token
     */
    public static Result run(LanguageModel model, LanguageModel corpus, int perPrompt, int warmup, int runs, PrintStream log) {
        List<String> prompts = model.capabilities().finite() ? corpus.prompts() : corpus.prompts().subList(0, Math.min(OPEN_PROMPTS, corpus.prompts().size()));
        List<SampleRequest> samples = new ArrayList<>();
        List<PromptReply> all = new ArrayList<>();
        List<Ranking> pairs = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            String p = prompts.get(i);
            samples.add(new SampleRequest(p, perPrompt, i, 1.0, OPEN_TOKENS));
            List<Candidate> candidates = corpus.candidates(p);
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
        double tokens = 0;
        for (List<Completion> drawn : model.sample(samples)) {
            tokens += drawn.stream().mapToInt(Completion::tokens).sum();
        }
        log.printf("model %s: %d prompts, %d replies (%.1f tokens per drawn reply); sample %.2f us/reply, score %.2f us/reply, DPO step %.2f ms (%d pairs)%n",
                model.name(), prompts.size(), all.size(), tokens / samples.size() / perPrompt, sample, score, step, pairs.size());
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
