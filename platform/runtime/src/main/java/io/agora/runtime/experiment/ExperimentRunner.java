package io.agora.runtime.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.Lanes;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The edge between the command line and the actor system: starts a system with one lane (a single-thread
 * dispatcher) per requested thread, runs one {@link Experiment} on it, waits for the outcome (the one blocking
 * call, with the timeout from {@code agora.experiment-timeout}) and shuts the system down.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /**
     * Runs {@code config} on {@code threads} lanes, one chunk worker (with its market and agents) per lane.
     *
     * @param progress called with the number of sessions each finished chunk played
     * @throws io.agora.api.InvalidInputException when the config does not fit the installed plugins
     */
    public static ExperimentResult run(ExperimentConfig config, PluginHost host, int threads, LongConsumer progress)
            throws InterruptedException {
        Config conf = ConfigFactory.parseMap(Map.of(
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min", threads,
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max", threads))
                .withFallback(Lanes.config(threads))
                .withFallback(ConfigFactory.load());
        ActorSystem<Experiment.Command> system = ActorSystem.create(Experiment.create(config, host, threads, progress), "agora", conf);
        try {
            Duration timeout = conf.getDuration("agora.experiment-timeout");
            Experiment.Outcome outcome = AskPattern.<Experiment.Command, Experiment.Outcome>ask(system, Experiment.Run::new,
                    timeout, system.scheduler()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof Experiment.Failed failed) {
                throw failed.cause();
            }
            return ((Experiment.Finished) outcome).result();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the experiment did not finish: " + e.getMessage(), e);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
