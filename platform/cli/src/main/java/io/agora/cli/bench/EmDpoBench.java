package io.agora.cli.bench;

import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.EmDpo;
import io.agora.core.train.Ranking;
import io.agora.core.train.TypeRecovery;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code agora bench --scenario em-dpo}: EM-DPO at the size of the paper's code (800 annotators × 32 pairwise
 * preferences, K = 4, 5 EM steps) on a finite model's trainable policy. Each annotator has one of four types, which
 * prefer positive sentiment, short replies, on-topic replies or correct ones; a preference is a Bradley–Terry draw
 * between two candidates of a random prompt under its type's reward. Reports the time of the whole run (data
 * generated before the clock starts) and how well γ recovers the types.
 */
public final class EmDpoBench {
    private static final String[] ATTRIBUTE = {"sentiment", "words", "onTopic", "correct"};
    /** Reward per unit of each type's attribute; short replies are preferred, hence the negative weight on words. */
    private static final double[] SCALE = {2.0, -0.15, 3.0, 3.0};

    private EmDpoBench() {
    }

    /** Seconds of the EM run, and the share of annotators whose argmax γ is their type (best of the 24 matchings). */
    public record Result(double seconds, double typeAccuracy, int annotators, int preferences, int mSteps) {
    }

    public static Result run(LanguageModel model, int annotators, int preferences, int emSteps, int mSteps, long seed, PrintStream log) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> prompts = model.prompts();
        List<List<Ranking>> data = new ArrayList<>();
        int[] truth = new int[annotators];
        for (int a = 0; a < annotators; a++) {
            truth[a] = a % 4;
            List<Ranking> mine = new ArrayList<>();
            for (int i = 0; i < preferences; i++) {
                String prompt = prompts.get(random.nextInt(prompts.size()));
                List<Candidate> candidates = model.candidates(prompt);
                int x = random.nextInt(candidates.size());
                int y = (x + 1 + random.nextInt(candidates.size() - 1)) % candidates.size();
                double margin = reward(truth[a], candidates.get(x)) - reward(truth[a], candidates.get(y));
                boolean xWins = random.nextDouble() < 1 / (1 + Math.exp(-margin));
                Candidate w = xWins ? candidates.get(x) : candidates.get(y);
                Candidate l = xWins ? candidates.get(y) : candidates.get(x);
                mine.add(Ranking.pair(prompt, w.text(), l.text()));
            }
            data.add(mine);
        }
        long t0 = System.nanoTime();
        EmDpo.Result r = EmDpo.run(data, model, new EmDpo.Settings(4, 1.0, emSteps, mSteps, EmDpo.Init.KMEANS, TrainingSettings.adam(0.005, seed)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = TypeRecovery.accuracy(r.gamma(), truth);
        log.printf("em-dpo on %s: %d annotators x %d preferences, K = 4, %d EM steps of %d M-steps: %.2f s; type accuracy %.3f%n",
                model.name(), annotators, preferences, emSteps, mSteps, seconds, accuracy);
        return new Result(seconds, accuracy, annotators, preferences, mSteps);
    }

    private static double reward(int type, Candidate c) {
        return SCALE[type] * c.attribute(ATTRIBUTE[type]);
    }
}
