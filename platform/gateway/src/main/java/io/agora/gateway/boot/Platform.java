package io.agora.gateway.boot;

import com.typesafe.config.ConfigFactory;
import io.agora.runtime.market.MarketSharding;
import io.agora.runtime.plugins.ModelsFile;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.AgoraSystem;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The gateway owns the platform's lifecycle: the plugin host (loaded once, from {@code agora.plugins.dir}, its
 * language models under {@code agora.data}/models) and the
 * actor system that hosts bot markets, both started with the application and stopped with it.
 */
@ApplicationScoped
@Startup
public class Platform {
    /** The actor system's name: every node of a cluster has the same. */
    public static final String SYSTEM = "agora-gateway";
    private final PluginHost plugins;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final Duration askTimeout;

    Platform(@ConfigProperty(name = "agora.ask-timeout") Duration askTimeout, @ConfigProperty(name = "agora.data") java.nio.file.Path data,
             @ConfigProperty(name = "agora.models.file") java.util.Optional<java.nio.file.Path> modelsFile,
             @ConfigProperty(name = "agora.cluster.hostname") String hostname, @ConfigProperty(name = "agora.cluster.port") int port,
             @ConfigProperty(name = "agora.cluster.seed-nodes") java.util.Optional<List<String>> seeds,
             @ConfigProperty(name = "agora.cluster.stable-after") Duration stableAfter,
             @ConfigProperty(name = "agora.cluster.discovery") String discovery,
             @ConfigProperty(name = "agora.cluster.kubernetes.label-selector") String labelSelector,
             @ConfigProperty(name = "agora.cluster.kubernetes.api-url") java.util.Optional<String> kubernetesApi) {
        this.askTimeout = askTimeout;
        this.plugins = PluginHost.load(PluginHost.defaultFolder());
        // Language models keep their files (weights, checkpoints) in the data folder, beside the database.
        this.plugins.configureModels(modelsFile.map(ModelsFile::read).orElse(List.of()), data.resolve("models"));
        ClassLoader loader = Platform.class.getClassLoader();
        // Bot markets do little work per message: a small pool (one thread per core) avoids needless wake-ups and
        // context switches next to the HTTP event loops and PostgreSQL.
        int cores = Runtime.getRuntime().availableProcessors();
        com.typesafe.config.Config config = ConfigFactory.parseMap(java.util.Map.of(
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min", cores,
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max", cores,
                "pekko.cluster.split-brain-resolver.stable-after", stableAfter.toMillis() + "ms"));
        // A cluster of one node by default (Artery on a free loopback port), so that markets are sharded entities here
        // as on a multi-node deployment; with seed nodes, one node of a cluster of several sharing the database.
        List<String> seedNodes = switch (discovery) {
            case "seed-nodes" -> seeds.orElse(List.of());
            case "kubernetes-api" -> kubernetesSeeds(kubernetesApi.orElse(null), labelSelector, port);
            default -> throw new IllegalArgumentException("agora.cluster.discovery: must be seed-nodes or kubernetes-api, got " + discovery);
        };
        this.system = AgoraSystem.node(SpawnProtocol.create(), SYSTEM, List.of(MarketSharding.ROLE), hostname, port, seedNodes, config, loader);
    }

    private static List<String> kubernetesSeeds(String api, String selector, int port) {
        if (port == 0) {
            throw new IllegalArgumentException("agora.cluster.port: must be set (the same on every pod) with kubernetes-api discovery");
        }
        try {
            return KubernetesSeeds.find(api, null, selector, port);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("agora.cluster.discovery=kubernetes-api: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The installed plugins. */
    public PluginHost plugins() {
        return plugins;
    }

    /** The actor system. */
    public ActorSystem<SpawnProtocol.Command> system() {
        return system;
    }

    /** How long the gateway waits for an actor. */
    public Duration askTimeout() {
        return askTimeout;
    }

    /** Spawns a top-level actor. */
    public <T> CompletionStage<ActorRef<T>> spawn(Behavior<T> behavior, String name) {
        return plain(AskPattern.ask(system, (ActorRef<ActorRef<T>> replyTo) -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                askTimeout, system.scheduler()));
    }

    /** Runs {@code then} once {@code actor} has stopped (a watcher actor of its own, which stops with it). */
    public void whenTerminated(ActorRef<?> actor, Runnable then) {
        spawn(Behaviors.<Void>setup(ctx -> {
            ctx.watch(actor);
            return Behaviors.receive(Void.class).onSignal(Terminated.class, t -> {
                then.run();
                return Behaviors.stopped();
            }).build();
        }), "watch-" + WATCHERS.incrementAndGet());
    }

    private static final java.util.concurrent.atomic.AtomicLong WATCHERS = new java.util.concurrent.atomic.AtomicLong();

    /** Asks a sharded entity, with the gateway's timeout. */
    public <T, R> CompletionStage<R> ask(EntityRef<T> entity, org.apache.pekko.japi.function.Function<ActorRef<R>, T> message) {
        return plain(entity.ask(message, askTimeout));
    }

    /** Asks a sharded entity with a timeout of its own (long polls). */
    public <T, R> CompletionStage<R> ask(EntityRef<T> entity, org.apache.pekko.japi.function.Function<ActorRef<R>, T> message, Duration timeout) {
        return plain(entity.ask(message, timeout));
    }

    /** Asks {@code actor}, with the gateway's timeout. */
    public <T, R> CompletionStage<R> ask(ActorRef<T> actor, org.apache.pekko.japi.function.Function<ActorRef<R>, T> message) {
        return plain(AskPattern.ask(actor, message, askTimeout, system.scheduler()));
    }

    /** Asks with a timeout of its own (long polls). */
    public <T, R> CompletionStage<R> ask(ActorRef<T> actor, org.apache.pekko.japi.function.Function<ActorRef<R>, T> message, Duration timeout) {
        return plain(AskPattern.ask(actor, message, timeout, system.scheduler()));
    }

    /**
     * The answer of an ask as a plain {@link CompletableFuture}. Pekko's stages are Scala futures seen through
     * {@code FutureConverters}, which run even non-async callbacks through the default async executor; on a machine
     * with fewer than three cores that executor starts a new thread per callback. Profiling `agora load` showed
     * thread creation on every request, so callbacks here run on the completing thread instead.
     */
    private static <R> CompletionStage<R> plain(CompletionStage<R> pekko) {
        CompletableFuture<R> out = new CompletableFuture<>();
        pekko.whenCompleteAsync((value, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(value);
            }
        }, Runnable::run);
        return out;
    }

    @PreDestroy
    void stop() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        plugins.close();
    }
}
