package io.agora.experiment;

import io.agora.runtime.plugins.PluginHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run is stopped by its time limit or by interrupting its caller, and leaves no actor system behind. */
class ExperimentRunnerStopIT {
    private static final String LONG = """
            name: long
            mechanism: affine-maximizer
            outcomes: 3
            samples: 10000000
            rounds: 10
            population: [{name: g, count: 2, strategy: truthful}]
            """;
    private static PluginHost host;

    @BeforeAll
    static void load() {
        host = PluginHost.load(Path.of(System.getProperty(PluginHost.PLUGINS_DIR_PROPERTY)));
    }

    @AfterAll
    static void close() {
        host.close();
    }

    @Test
    void aRunPastItsTimeLimitIsStoppedWithAReasonNamingTheLimit() {
        ExperimentConfig config = ExperimentConfigParser.parse(LONG, "long.yaml");
        assertThatThrownBy(() -> ExperimentRunner.run(config, host, 2, n -> { }, Duration.ofMillis(500)))
                .isInstanceOf(ExperimentTimeLimitException.class)
                .hasMessageContaining("time limit of 500 milliseconds");
    }

    @Test
    void interruptingTheCallerStopsTheRun() throws Exception {
        ExperimentConfig config = ExperimentConfigParser.parse(LONG, "long.yaml");
        AtomicLong done = new AtomicLong();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                ExperimentRunner.run(config, host, 2, done::addAndGet, Duration.ofMinutes(10));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        runner.start();
        while (done.get() == 0 && !ended.isDone()) {
            Thread.sleep(20);
        }
        runner.interrupt();
        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        // The system was terminated before run returned; its lanes' threads end once the dispatchers have shut down
        // (Pekko lets a dispatcher's pool linger up to its shutdown-timeout, 1 s by default), so poll for that.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains("lanes.lane-"))) {
            Thread.sleep(50);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().contains("lanes.lane-"));
    }

    @Test
    void describesLimitsInPlainWords() {
        assertThat(ExperimentTimeLimitException.describe(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(ExperimentTimeLimitException.describe(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(ExperimentTimeLimitException.describe(Duration.ofSeconds(90))).isEqualTo("90 seconds");
    }
}
