package io.agora.cli.reproduce;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.LanguageModel;
import io.agora.runtime.plugins.PluginHost;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The reproductions {@code agora reproduce} runs, by name. */
public final class Reproductions {
    private Reproductions() {
    }

    /**
     * Runs reproduction {@code name} into {@code folder}.
     *
     * @throws InvalidInputException for an unknown name
     */
    public static void run(String name, Path folder, long seed, int seeds, PluginHost host, Supplier<LanguageModel> model, int prompts, int mSteps, double learningRate,
                           PrintStream log) throws IOException {
        Output out = new Output(folder, name, seed);
        switch (name) {
            case "p2-regret" -> P2Reproductions.regret(seed, seeds, out, log);
            case "p2-training" -> P2Training.run(model.get(), seed, seeds, out, log);
            case "p3-objective" -> P3Reproductions.objective(model.get(), seed, false, out, log);
            case "p3-implicit" -> P3Reproductions.objective(model.get(), seed, true, out, log);
            case "p4-budget" -> P4Reproductions.budget(model.get(), seed, seeds, out, log);
            case "p5-bandit" -> P5Reproductions.bandit(seed, out, log);
            case "p5-identifiability" -> P5Reproductions.identifiability(seed, seeds, out, log);
            case "p5-regret" -> P5Reproductions.regret(model.get(), seed, prompts, mSteps, learningRate, out, log);
            case "p5-strategic" -> P5Strategic.run(host, seed, seeds, out, log);
            default -> throw new InvalidInputException("NAME", "must be p2-regret, p2-training, p3-objective, p3-implicit, p4-budget, p5-bandit, p5-identifiability, p5-regret or p5-strategic, got " + name);
        }
        out.finish();
    }
}
