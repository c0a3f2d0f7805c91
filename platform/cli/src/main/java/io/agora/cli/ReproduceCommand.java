package io.agora.cli;

import io.agora.api.InvalidInputException;
import io.agora.cli.reproduce.Reproductions;
import io.agora.core.train.CandidateRestricted;
import io.agora.runtime.plugins.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;

/** {@code agora reproduce NAME --out DIR}: a paper reproduction that is not a market experiment (P2's regret, P5's EM-DPO studies). */
@Command(name = "reproduce", description = "Run a reproduction: p2-regret, p2-training, p3-objective, p3-implicit, p4-budget, p5-bandit, p5-identifiability, p5-regret or p5-strategic; writes summary.json, metrics.csv and plots/ to --out.")
final class ReproduceCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "p2-regret, p2-training, p3-objective, p3-implicit, p4-budget, p5-bandit, p5-identifiability, p5-regret or p5-strategic")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into (created).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "The seed of every draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "10", description = "p2-regret: seeds per horizon; p2-training, p4-budget and p5-strategic: seeds; p5-identifiability: seeds per budget (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--model", defaultValue = "catalog", description = "p5-regret, p2-training, p3-objective, p3-implicit and p4-budget: the language model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--candidates", defaultValue = "catalog", description = "p5-regret: the finite model whose candidate sets a model "
            + "without its own (torch) is restricted to (default ${DEFAULT-VALUE}).")
    String candidates;

    @Option(names = "--prompts", defaultValue = "0", description = "p5-regret: rank replies of the model's first N prompts only (default: all).")
    int prompts;

    @Option(names = "--m-steps", defaultValue = "20", description = "p5-regret: optimizer steps per M-step; single DPO takes ten times as many (default ${DEFAULT-VALUE}).")
    int mSteps;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "p5-regret: Adam's step size (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Override
    public void run() {
        if (seeds < 1 || seeds > 1000) {
            throw new InvalidInputException("--seeds", "must be in [1, 1000], got " + seeds);
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw new InvalidInputException("--learning-rate", "must be in (0, 1], got " + learningRate);
        }
        if (prompts < 0 || mSteps < 1 || mSteps > 1000) {
            throw new InvalidInputException(prompts < 0 ? "--prompts" : "--m-steps", prompts < 0 ? "must be >= 0, got " + prompts : "must be in [1, 1000], got " + mSteps);
        }
        try (PluginHost host = parent.host()) {
            Reproductions.run(name, out, seed, seeds, host, () -> CandidateRestricted.of(host.languageModels().model(model, "--model"),
                    host.languageModels().model(candidates, "--candidates"), "--candidates"), prompts, mSteps, learningRate, parent.err);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
