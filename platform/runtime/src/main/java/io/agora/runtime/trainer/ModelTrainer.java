package io.agora.runtime.trainer;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fine-tunes one language model: it owns a {@link TrainablePolicy} made from the model, takes optimizer steps on the
 * objectives mechanisms send it, and numbers the results as versions (0 is the model itself). Every version is
 * checkpointed to its folder before it is announced, so a trainer started again on the same folder resumes from the
 * last version; the last {@code keep} versions stay in memory and serve samples and log-probabilities. Each step is
 * reported to a progress listener (steps, loss, KL to the reference), which the gateway turns into metrics.
 *
 * <p>Not to be confused with {@link Trainer}, which adopts the closed-form outcome policies of a hosted market. Its
 * messages carry objectives and replies that only exist in this JVM, so a model trainer is local to its node; spawn it
 * on {@link #DISPATCHER}, so that training never holds up markets.
 */
public final class ModelTrainer extends AbstractBehavior<ModelTrainer.Command> {
    /** The dispatcher trainers run on (one thread: {@code agora.training-dispatcher}). */
    public static final DispatcherSelector DISPATCHER = DispatcherSelector.fromConfig("agora.training-dispatcher");

    /** Everything a model trainer accepts. */
    public interface Command {
    }

    /** Take {@code steps} optimizer steps on {@code objective}; the result is the next version. */
    public record Train(Objective objective, int steps, ActorRef<Trained> replyTo) implements Command {
    }

    /** Version {@code version} exists, on disk and in memory; {@code failure} says why not instead (then version is the old one). */
    public record Trained(int version, double loss, double klToReference, String failure) {
    }

    /** Draw replies from version {@code version}. */
    public record Sample(int version, List<SampleRequest> requests, ActorRef<Samples> replyTo) implements Command {
    }

    /** Replies drawn, or the reason there are none (an unknown version, an invalid request). */
    public record Samples(int version, List<List<Completion>> completions, String failure) {
    }

    /** Log-probabilities of replies under version {@code version}. */
    public record Score(int version, List<PromptReply> replies, ActorRef<Scores> replyTo) implements Command {
    }

    /** The log-probabilities asked for, or the reason there are none. */
    public record Scores(int version, double[] logProbs, String failure) {
    }

    /** Where training stands. */
    public record GetProgress(ActorRef<Progress> replyTo) implements Command {
    }

    /**
     * Training progress, also what the listener hears after each step.
     *
     * @param version       the latest version
     * @param steps         optimizer steps taken in all
     * @param loss          the loss before the last step ({@code NaN} before any)
     * @param klToReference KL(policy ‖ reference) averaged over the last objective's prompts, for finite models
     *                      ({@code NaN} otherwise, or before any step)
     */
    public record Progress(int version, long steps, double loss, double klToReference) {
    }

    /**
     * A trainer for {@code model}.
     *
     * @param folder   where versions are checkpointed ({@code v<N>.state}); the latest one found is resumed
     * @param keep     how many of the latest versions stay in memory for sampling and scoring, at least 1
     * @param listener hears the progress after every step
     */
    public static Behavior<Command> create(LanguageModel model, TrainingSettings settings, Path folder, int keep, Consumer<Progress> listener) {
        if (keep < 1) {
            throw new InvalidInputException("keep", "must be at least 1, got " + keep);
        }
        return Behaviors.setup(ctx -> new ModelTrainer(ctx, model, settings, folder, keep, listener));
    }

    private final LanguageModel reference;
    /** The policy being trained, and a copy of it as the latest version left it (to go back to when a step fails). */
    private TrainablePolicy policy;
    private TrainablePolicy last;
    private final Path folder;
    private final int keep;
    private final Consumer<Progress> listener;
    /** Kept versions (version 0 is the reference model itself and is always kept). */
    private final TreeMap<Integer, LanguageModel> versions = new TreeMap<>();
    private int version;
    private double loss = Double.NaN;
    private double kl = Double.NaN;

    private ModelTrainer(ActorContext<Command> ctx, LanguageModel model, TrainingSettings settings, Path folder, int keep,
                         Consumer<Progress> listener) {
        super(ctx);
        this.reference = model;
        this.policy = model.trainable(settings);
        this.folder = folder;
        this.keep = keep;
        this.listener = listener;
        versions.put(0, model);
        resume();
        this.last = policy.copy();
    }

    private void resume() {
        try {
            Files.createDirectories(folder);
            int latest = 0;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.matches("v[0-9]{1,9}\\.state")) {
                        latest = Math.max(latest, Integer.parseInt(name.substring(1, name.length() - ".state".length())));
                    }
                }
            }
            if (latest > 0) {
                try (InputStream in = Files.newInputStream(checkpoint(latest))) {
                    policy.load(in);
                }
                version = latest;
                versions.put(latest, policy.copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume the trainer of model '" + reference.name() + "' from " + folder, e);
        }
    }

    private Path checkpoint(int v) {
        return folder.resolve("v" + v + ".state");
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onMessage(Sample.class, this::onSample)
                .onMessage(Score.class, this::onScore)
                .onMessage(GetProgress.class, get -> {
                    get.replyTo().tell(new Progress(version, policy.steps(), loss, kl));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onTrain(Train train) {
        if (train.steps() < 1) {
            train.replyTo().tell(new Trained(version, loss, kl, "steps: must be at least 1, got " + train.steps()));
            return this;
        }
        try {
            for (int s = 0; s < train.steps(); s++) {
                loss = policy.step(train.objective());
                kl = klToReference(train.objective());
                listener.accept(new Progress(version, policy.steps(), loss, kl));
            }
            save(version + 1);
        } catch (RuntimeException e) {
            // Nothing of a failed training request is kept: the policy goes back to the last version.
            policy = last.copy();
            train.replyTo().tell(new Trained(version, loss, kl, e.getMessage() == null ? "training failed" : e.getMessage()));
            return this;
        }
        version++;
        last = policy.copy();
        versions.put(version, last);
        while (versions.size() > keep + 1) {
            versions.remove(versions.higherKey(0));
        }
        train.replyTo().tell(new Trained(version, loss, kl, null));
        return this;
    }

    /** Writes the checkpoint of {@code v} beside its final name and moves it there, so no half-written file is ever read. */
    private void save(int v) {
        Path tmp = folder.resolve("v" + v + ".state.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            policy.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint version " + v + " of model '" + reference.name() + "'", e);
        }
        try {
            Files.move(tmp, checkpoint(v), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint version " + v + " of model '" + reference.name() + "'", e);
        }
    }

    /** KL(π ‖ π_ref) over the candidates of the objective's prompts, averaged over prompts; NaN for open-ended models. */
    private double klToReference(Objective objective) {
        if (!reference.capabilities().finite()) {
            return Double.NaN;
        }
        Map<String, Boolean> prompts = new TreeMap<>();
        objective.items().forEach(item -> prompts.put(item.prompt(), Boolean.TRUE));
        List<PromptReply> all = new ArrayList<>();
        for (String prompt : prompts.keySet()) {
            reference.candidates(prompt).forEach(c -> all.add(new PromptReply(prompt, c.text())));
        }
        double[] p = policy.score(all);
        double[] q = reference.score(all);
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = Math.exp(p[i]);
            total += pi > 0 ? pi * (p[i] - q[i]) : 0;
        }
        return total / prompts.size();
    }

    private Behavior<Command> onSample(Sample ask) {
        LanguageModel m = versions.get(ask.version());
        if (m == null) {
            ask.replyTo().tell(new Samples(ask.version(), List.of(), unknown(ask.version())));
            return this;
        }
        try {
            ask.replyTo().tell(new Samples(ask.version(), m.sample(ask.requests()), null));
        } catch (InvalidInputException e) {
            ask.replyTo().tell(new Samples(ask.version(), List.of(), e.getMessage()));
        }
        return this;
    }

    private Behavior<Command> onScore(Score ask) {
        LanguageModel m = versions.get(ask.version());
        if (m == null) {
            ask.replyTo().tell(new Scores(ask.version(), new double[0], unknown(ask.version())));
            return this;
        }
        try {
            ask.replyTo().tell(new Scores(ask.version(), m.score(ask.replies()), null));
        } catch (InvalidInputException e) {
            ask.replyTo().tell(new Scores(ask.version(), new double[0], e.getMessage()));
        }
        return this;
    }

    private String unknown(int v) {
        return "version: " + v + " is not kept; kept versions: " + versions.keySet();
    }
}
