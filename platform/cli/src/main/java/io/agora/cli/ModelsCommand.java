package io.agora.cli;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.LanguageModel;
import io.agora.cli.models.Pretraining;
import io.agora.cli.reproduce.Output;
import io.agora.runtime.plugins.ModelRegistry;
import io.agora.runtime.plugins.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code agora models}: the host's language models. */
@Command(name = "models", description = "Language models: pre-train one from scratch.", subcommands = ModelsCommand.Pretrain.class)
final class ModelsCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(parent.out);
    }

    /**
     * {@code agora models pretrain --model NAME}: opens the model with seeded random weights ({@code weights: none}),
     * trains it by maximum likelihood on a finite model's corpus, and writes the weights where the model reads them
     * (its {@code weights} parameter, relative to its folder), so that the model served under NAME is the pre-trained
     * one from then on.
     */
    @Command(name = "pretrain", description = "Pre-train a model (such as torch) from scratch on a corpus; writes its weights, "
            + "and loss.csv (metrics.csv), summary.json and plots/loss.png to --out.")
    static final class Pretrain implements Runnable {
        @ParentCommand
        ModelsCommand models;

        @Option(names = "--model", defaultValue = "torch", description = "The model to pre-train (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--corpus", defaultValue = "catalog", description = "A finite model whose prompts and reference replies are the corpus (default ${DEFAULT-VALUE}).")
        String corpus;

        @Option(names = "--steps", defaultValue = "3000", description = "Optimizer steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "16", description = "Replies per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam's step size (default ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--seed", defaultValue = "1", description = "The seed of the initial weights and of every draw (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--every", defaultValue = "100", description = "Steps between progress lines and evaluations (default ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--out", defaultValue = "target/pretrain", paramLabel = "DIR", description = "Where the loss curve goes (default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void run() {
            AgoraCommand parent = models.parent;
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new InvalidInputException("--learning-rate", "must be a finite number greater than 0, got " + learningRate);
            }
            Pretraining.Settings settings = new Pretraining.Settings(steps, batch, learningRate, seed, every);
            try (PluginHost host = parent.host()) {
                ModelRegistry registry = host.languageModels();
                LanguageModel fresh = registry.openFresh(model, "--model", Map.of("weights", "none"), seed);
                LanguageModel source = registry.model(corpus, "--corpus");
                Path file = registry.folder(model).resolve(registry.parameters(model, "--model").text("weights"));
                Pretraining.Result r = Pretraining.run(fresh, source, settings, file, new Output(out, "pretrain", seed), parent.err);
                parent.out.printf("%s pre-trained: loss %.2f -> %.2f nats per reply; cross-entropy %.2f against the corpus's entropy %.2f; "
                                + "%.0f tokens/s; weights in %s%n", model, r.firstLoss(), r.lastLoss(), r.crossEntropy(), r.corpusEntropy(),
                        r.tokensPerSecond(), file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
    }
}
