package io.agora.gateway.experiment;

import io.agora.api.InvalidInputException;
import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.Ids;
import io.agora.gateway.web.ProblemException;
import io.agora.runtime.experiment.ExperimentConfig;
import io.agora.runtime.experiment.ExperimentConfigParser;
import io.agora.runtime.experiment.ExperimentPlan;
import io.agora.runtime.experiment.ExperimentResult;
import io.agora.runtime.experiment.ExperimentRunner;
import io.agora.runtime.experiment.ExperimentWriter;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.sdk.wire.ExperimentView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hosted experiments over HTTP: a submitted config (the CLI's YAML, or its JSON form) is checked against the
 * installed plugins, stored, and run on the same actor runtime as {@code agora experiment run}, on a bounded pool
 * of runner threads. Progress is live; results (summary, metrics, plots) are stored in the database. Experiments
 * that were queued or running when the gateway stopped run again after a restart (runs are deterministic).
 */
@ApplicationScoped
public class ExperimentService {
    private static final Logger LOG = Logger.getLogger(ExperimentService.class);
    private final Platform platform;
    private final ExperimentRepositories.Experiments experiments;
    private final ExperimentRepositories.Files files;
    private final Path workFolder;
    private final ExecutorService runners;
    private final Map<String, AtomicLong> progress = new ConcurrentHashMap<>();

    ExperimentService(Platform platform, ExperimentRepositories.Experiments experiments, ExperimentRepositories.Files files,
                      @ConfigProperty(name = "agora.data") Path data, @ConfigProperty(name = "agora.experiments.parallel") int parallel) {
        this.platform = platform;
        this.experiments = experiments;
        this.files = files;
        this.workFolder = data.resolve("experiments");
        this.runners = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "agora-experiment");
            t.setDaemon(true);
            return t;
        });
    }

    void resume(@Observes StartupEvent start) throws Throwable {
        List<ExperimentEntity> pending = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(experiments::unfinished));
        for (ExperimentEntity e : pending) {
            ExperimentConfig config = ExperimentConfigParser.parse(e.config, "experiment " + e.id);
            enqueue(e.id, config);
        }
        if (!pending.isEmpty()) {
            LOG.infof("experiments: %d unfinished experiments queued again", pending.size());
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        runners.shutdownNow();
    }

    /** Checks, stores and queues an experiment. */
    public Uni<ExperimentView> submit(String body, String format, String owner) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "an experiment config (YAML or JSON) is required");
        }
        ExperimentConfig config;
        try {
            config = ExperimentConfigParser.parse(body, "the request body");
            ExperimentPlan.points(config, platform.plugins());
        } catch (InvalidInputException e) {
            throw ProblemException.badRequest(e.field(), e.rule());
        } catch (PluginFailureException e) {
            throw new ProblemException(422, "mechanism", e.getMessage());
        }
        ExperimentEntity row = new ExperimentEntity();
        row.id = Ids.next("e-");
        row.name = config.name();
        row.owner = owner;
        row.config = body;
        row.configFormat = format;
        row.status = "queued";
        row.sessionsTotal = config.sessions();
        row.createdAt = OffsetDateTime.now();
        return Panache.withTransaction(() -> experiments.persist(row)).map(saved -> {
            enqueue(saved.id, config);
            return view(saved, List.of());
        });
    }

    /** Every experiment, oldest first. */
    @WithSession
    public Uni<List<ExperimentView>> list() {
        return experiments.inOrder().map(all -> all.stream().map(e -> view(e, List.of())).toList());
    }

    /** One experiment with its live progress and its files. */
    @WithSession
    public Uni<ExperimentView> get(String id) {
        return experiments.findById(id).chain(e -> {
            if (e == null) {
                throw ProblemException.notFound("id", "no experiment '" + id + "'");
            }
            return files.names(id).map(names -> view(e, names));
        });
    }

    /** A result file. */
    @WithSession
    public Uni<ExperimentFileEntity> file(String id, String name) {
        return files.findById(new ExperimentFileEntity.Key(id, name)).map(f -> {
            if (f == null) {
                throw ProblemException.notFound("name", "experiment '" + id + "' has no file '" + name + "'");
            }
            return f;
        });
    }

    private ExperimentView view(ExperimentEntity e, List<String> names) {
        AtomicLong live = progress.get(e.id);
        long done = live != null ? live.get() : e.sessionsDone;
        return new ExperimentView(e.id, e.name, e.status, done, e.sessionsTotal, e.owner, e.createdAt.toInstant(),
                e.finishedAt == null ? null : e.finishedAt.toInstant(), names, e.error);
    }

    private void enqueue(String id, ExperimentConfig config) {
        progress.put(id, new AtomicLong());
        runners.submit(() -> run(id, config));
    }

    /** Runs on a runner thread (blocking is fine here; the event loop is never used). */
    private void run(String id, ExperimentConfig config) {
        AtomicLong done = progress.get(id);
        try {
            setStatus(id, "running", null, null);
            ExperimentResult result = ExperimentRunner.run(config, platform.plugins(), Runtime.getRuntime().availableProcessors(), done::addAndGet);
            Path out = workFolder.resolve(id);
            List<Path> written = ExperimentWriter.write(result, out);
            String summary = Files.readString(out.resolve("summary.json"));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> storeFiles(id, written)));
            setStatus(id, "finished", null, summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            LOG.errorf(e, "experiment %s failed", id);
            try {
                setStatus(id, "failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
            } catch (Throwable again) {
                LOG.errorf(again, "experiment %s: the failure could not be recorded", id);
            }
        }
    }

    private Uni<Void> storeFiles(String id, List<Path> written) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Path p : written) {
            chain = chain.chain(() -> {
                ExperimentFileEntity f = new ExperimentFileEntity();
                f.experimentId = id;
                f.name = p.getFileName().toString();
                f.contentType = contentType(f.name);
                try {
                    f.content = Files.readAllBytes(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return files.persist(f).replaceWithVoid();
            });
        }
        return chain;
    }

    private void setStatus(String id, String status, String error, String summary) throws Throwable {
        long done = progress.get(id).get();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> experiments.findById(id).invoke(e -> {
            e.status = status;
            e.error = error;
            e.sessionsDone = done;
            if (summary != null) {
                e.summary = summary;
            }
            if ("finished".equals(status) || "failed".equals(status)) {
                e.finishedAt = OffsetDateTime.now();
            }
        })));
        if ("finished".equals(status) || "failed".equals(status)) {
            progress.remove(id);
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        return "application/octet-stream";
    }
}
