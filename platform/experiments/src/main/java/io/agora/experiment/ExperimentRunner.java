package io.agora.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.Lanes;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The edge between the command line (or the gateway) and the actor system: starts a system with one lane (a
 * single-thread dispatcher) per requested thread, runs one {@link Experiment} on it, waits for the outcome (the one
 * blocking call, bounded by a time limit) and shuts the system down, whatever happened: on success, failure, time
 * limit or interrupt, no actor or lane of the run outlives this call.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /** Runs {@code config} with the time limit {@code agora.experiment-timeout} of the runtime's config. */
    public static ExperimentResult run(ExperimentConfig config, PluginHost host, int threads, LongConsumer progress)
            throws InterruptedException {
        return run(config, host, threads, progress, null);
    }

    /**
     * Runs {@code config} on {@code threads} lanes, one chunk worker (with its market and agents) per lane.
     * Interrupting the calling thread stops the run promptly (the actors stop after their current message).
     *
     * @param progress  called with the number of sessions each finished chunk played
     * @param timeLimit how long the run may take, or {@code null} for {@code agora.experiment-timeout}
     * @throws io.agora.api.InvalidInputException when the config does not fit the installed plugins
     * @throws ExperimentTimeLimitException       when the run took longer than the time limit
     * @throws InterruptedException               when the calling thread was interrupted (the run was stopped)
     */
    public static ExperimentResult run(ExperimentConfig config, PluginHost host, int threads, LongConsumer progress,
                                       Duration timeLimit) throws InterruptedException {
        Config conf = ConfigFactory.parseMap(Map.of(
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min", threads,
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max", threads,
                // A fatal error (OutOfMemoryError) in an actor would otherwise call System.exit and take a hosting
                // gateway down with it; instead the system shuts down and the run fails below.
                "pekko.jvm-exit-on-fatal-error", "off"))
                .withFallback(Lanes.config(threads))
                .withFallback(ConfigFactory.load());
        Duration limit = timeLimit != null ? timeLimit : conf.getDuration("agora.experiment-timeout");
        ActorSystem<Experiment.Command> system = ActorSystem.create(Experiment.create(config, host, threads, progress), "agora", conf);
        try {
            CompletableFuture<Experiment.Outcome> answer = AskPattern.<Experiment.Command, Experiment.Outcome>ask(system,
                    Experiment.Run::new, limit, system.scheduler()).toCompletableFuture();
            // A system that stopped on its own (a fatal error) never answers; waiting for either ends the wait.
            Object first = CompletableFuture.anyOf(answer, system.getWhenTerminated().toCompletableFuture())
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof Experiment.Outcome outcome)) {
                throw new IllegalStateException("the experiment's actors stopped before it finished"
                        + " (a fatal error such as running out of memory; see the log)");
            }
            if (outcome instanceof Experiment.Failed failed) {
                throw failed.cause();
            }
            return ((Experiment.Finished) outcome).result();
        } catch (TimeoutException e) {
            throw new ExperimentTimeLimitException(limit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new ExperimentTimeLimitException(limit);
            }
            throw new IllegalStateException("the experiment did not finish: " + e.getCause().getMessage(), e.getCause());
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
