package io.agora.cli.models;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.cli.reproduce.Output;
import io.agora.core.random.Tempered;
import io.agora.core.train.LikelihoodObjective;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pre-training a language model from scratch by maximum likelihood on a finite model's corpus: each step draws
 * {@code batch} prompts uniformly and one reply to each from the corpus's reference policy, and takes one Adam step on
 * the mean negative log-likelihood. So the pre-trained model learns the corpus's reference distribution over replies
 * (and, being a character model, can also write replies the corpus never had). Every {@code every} steps it measures,
 * on a fixed evaluation set of prompts, the cross-entropy from the corpus's reference to the model against the
 * reference's own entropy: the gap is what the model has still to learn (it is at least the KL divergence).
 */
public final class Pretraining {
    private static final int EVALUATION_PROMPTS = 16;

    private Pretraining() {
    }

    /** How long and how fast to train. */
    public record Settings(int steps, int batch, double learningRate, long seed, int every) {
        public Settings {
            if (steps < 1) {
                throw new InvalidInputException("--steps", "must be >= 1, got " + steps);
            }
            if (batch < 1 || batch > 4096) {
                throw new InvalidInputException("--batch", "must be in [1, 4096], got " + batch);
            }
            if (every < 1) {
                throw new InvalidInputException("--every", "must be >= 1, got " + every);
            }
        }
    }

    /** What pre-training reached: losses in nats per reply, the evaluation's cross-entropy and entropy, and speed. */
    public record Result(double firstLoss, double lastLoss, double crossEntropy, double corpusEntropy, long tokens, double seconds) {
        public double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    public static Result run(LanguageModel fresh, LanguageModel corpus, Settings settings, Path weights, Output out, PrintStream log)
            throws IOException {
        if (!fresh.capabilities().trainable()) {
            throw new InvalidInputException("--model", "model '" + fresh.name() + "' cannot be trained here");
        }
        if (!corpus.capabilities().finite()) {
            throw new InvalidInputException("--corpus", "model '" + corpus.name() + "' has no finite corpus of prompts and replies");
        }
        List<String> prompts = corpus.prompts();
        List<List<String>> replies = new ArrayList<>();
        List<Tempered> reference = new ArrayList<>();
        List<double[]> referenceLogProbs = new ArrayList<>();
        for (String p : prompts) {
            List<String> ys = corpus.candidates(p).stream().map(Candidate::text).toList();
            double[] lp = corpus.score(ys.stream().map(y -> new PromptReply(p, y)).toList());
            replies.add(ys);
            referenceLogProbs.add(lp);
            reference.add(new Tempered(lp, 1.0));
        }
        TrainablePolicy policy = fresh.trainable(TrainingSettings.adam(settings.learningRate(), settings.seed()));
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] curveSteps = new double[settings.steps()];
        double[] curveLoss = new double[settings.steps()];
        List<double[]> evaluations = new ArrayList<>();
        double first = Double.NaN;
        double last = Double.NaN;
        long tokens = 0;
        long started = System.nanoTime();
        double[] eval = evaluate(policy, prompts, replies, referenceLogProbs);
        evaluations.add(new double[] {0, eval[0]});
        log.printf("pre-training %s on %s: %d steps of %d replies; at step 0 cross-entropy %.1f nats per reply (the corpus's entropy %.2f)%n",
                fresh.name(), corpus.name(), settings.steps(), settings.batch(), eval[0], eval[1]);
        for (int step = 1; step <= settings.steps(); step++) {
            List<PromptReply> batch = new ArrayList<>(settings.batch());
            for (int b = 0; b < settings.batch(); b++) {
                int p = random.nextInt(prompts.size());
                String reply = replies.get(p).get(reference.get(p).draw(random));
                batch.add(new PromptReply(prompts.get(p), reply));
                tokens += reply.length() + 1;
            }
            double loss = policy.step(LikelihoodObjective.of(batch));
            first = step == 1 ? loss : first;
            last = loss;
            curveSteps[step - 1] = step;
            curveLoss[step - 1] = loss;
            out.row("step", step, "loss", loss);
            if (step % settings.every() == 0 || step == settings.steps()) {
                eval = evaluate(policy, prompts, replies, referenceLogProbs);
                evaluations.add(new double[] {step, eval[0]});
                double seconds = (System.nanoTime() - started) / 1e9;
                log.printf("step %d/%d  loss %.2f nats per reply  cross-entropy %.2f (entropy %.2f)  %.0f tokens/s%n",
                        step, settings.steps(), loss, eval[0], eval[1], tokens / seconds);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        save(policy, weights);
        log.printf("wrote %s%n", weights);
        double[] evalSteps = evaluations.stream().mapToDouble(e -> e[0]).toArray();
        double[] evalLoss = evaluations.stream().mapToDouble(e -> e[1]).toArray();
        out.plot("loss", "Pre-training " + fresh.name() + " on " + corpus.name(), "step", "nats per reply", false,
                "training batch", curveSteps, curveLoss, "cross-entropy from the corpus (evaluation prompts)", evalSteps, evalLoss,
                "the corpus's entropy (the floor)", new double[] {0, settings.steps()}, new double[] {eval[1], eval[1]});
        Result result = new Result(first, last, eval[0], eval[1], tokens, seconds);
        out.summary().put("model", fresh.name()).put("corpus", corpus.name()).put("steps", settings.steps()).put("batch", settings.batch())
                .put("learningRate", settings.learningRate()).put("firstLoss", first).put("lastLoss", last)
                .put("crossEntropy", eval[0]).put("corpusEntropy", eval[1]).put("tokens", tokens).put("seconds", seconds)
                .put("tokensPerSecond", result.tokensPerSecond()).put("weights", weights.toString());
        out.finish();
        return result;
    }

    /** Cross-entropy from the reference to the model, and the reference's entropy, averaged over evaluation prompts. */
    private static double[] evaluate(LanguageModel model, List<String> prompts, List<List<String>> replies, List<double[]> referenceLogProbs) {
        int n = Math.min(EVALUATION_PROMPTS, prompts.size());
        List<PromptReply> items = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            for (String y : replies.get(p)) {
                items.add(new PromptReply(prompts.get(p), y));
            }
        }
        double[] lp = model.score(items);
        double crossEntropy = 0;
        double entropy = 0;
        int at = 0;
        for (int p = 0; p < n; p++) {
            for (double q : referenceLogProbs.get(p)) {
                double weight = Math.exp(q);
                crossEntropy -= weight * lp[at++];
                entropy -= weight * q;
            }
        }
        return new double[] {crossEntropy / n, entropy / n};
    }

    /** Writes the policy's state next to its destination, then moves it into place, so a crash never leaves half a file. */
    private static void save(TrainablePolicy policy, Path weights) throws IOException {
        Files.createDirectories(weights.toAbsolutePath().getParent());
        Path partial = weights.resolveSibling(weights.getFileName() + ".partial");
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(partial))) {
            policy.save(os);
        }
        Files.move(partial, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
