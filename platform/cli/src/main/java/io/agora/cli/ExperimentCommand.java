package io.agora.cli;

import io.agora.api.InvalidInputException;
import io.agora.experiment.ExperimentConfig;
import io.agora.experiment.ExperimentConfigParser;
import io.agora.experiment.ExperimentResult;
import io.agora.experiment.ExperimentCost;
import io.agora.experiment.ExperimentRunner;
import io.agora.experiment.ExperimentWriter;
import io.agora.runtime.plugins.PluginHost;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code agora experiment run CONFIG --out DIR}: runs a hosted experiment from YAML. */
@Command(name = "experiment", description = "Hosted experiments.", subcommands = ExperimentCommand.Run.class)
final class ExperimentCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(parent.out);
    }

    @Command(name = "run", description = "Run an experiment (YAML) and write summary.json, metrics.csv and plots to --out.")
    static final class Run implements Runnable {
        @ParentCommand
        ExperimentCommand experiment;

        @Parameters(paramLabel = "CONFIG", description = "The experiment as YAML.")
        Path config;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results go (created if needed).")
        Path out;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: on a terminal).")
        Boolean progress;

        @Option(names = "--no-limits", description = "Run even past the gateway's default cost limits (values per market, "
                + "total work, sweep points); on your own machine, your memory is the limit.")
        boolean noLimits;

        @Override
        public void run() {
            AgoraCommand root = experiment.parent;
            ExperimentConfig parsed = ExperimentConfigParser.parse(AgoraCommand.read(config, System.in), AgoraCommand.source(config));
            if (!noLimits) {
                // The same estimate the gateway applies, before anything is allocated; --no-limits opts out.
                ExperimentCost.check(parsed, ExperimentCost.Limits.DEFAULTS);
            }
            int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (workers < 1) {
                throw new InvalidInputException("--threads", "must be >= 1, got " + workers);
            }
            boolean bar = progress != null ? progress : System.console() != null;
            long start = System.nanoTime();
            try (PluginHost host = root.host()) {
                long total = parsed.sessions();
                ExperimentResult result;
                if (bar) {
                    try (ProgressBar pb = new ProgressBarBuilder().setTaskName(parsed.name()).setInitialMax(total)
                            .setConsumer(new ConsoleProgressBarConsumer(root.err)).setUpdateIntervalMillis(200).build()) {
                        result = ExperimentRunner.run(parsed, host, workers, pb::stepBy);
                    }
                } else {
                    result = ExperimentRunner.run(parsed, host, workers, done -> { });
                }
                List<Path> files = ExperimentWriter.write(result, out);
                files.forEach(f -> root.out.println(f));
                long failed = result.stats().stream().mapToLong(s -> s.failedRounds()).sum();
                root.err.printf("%s: %d points x %d samples in %.2f s on %d lanes%s%n", parsed.name(), result.points().size(),
                        parsed.samples(), (System.nanoTime() - start) / 1e9, result.lanes().size(),
                        failed > 0 ? "; " + failed + " rounds failed (see summary.json)" : "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
