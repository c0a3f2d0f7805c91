package io.agora.gateway.experiment;

import io.agora.api.InvalidInputException;
import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.Ids;
import io.agora.gateway.web.Params;
import io.agora.gateway.web.ProblemException;
import io.agora.runtime.market.PublicReason;
import io.agora.experiment.ExperimentConfig;
import io.agora.experiment.ExperimentConfigParser;
import io.agora.experiment.ExperimentCost;
import io.agora.experiment.ExperimentPlan;
import io.agora.experiment.ExperimentResult;
import io.agora.experiment.ExperimentRunner;
import io.agora.experiment.ExperimentTimeLimitException;
import io.agora.experiment.ExperimentWriter;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.wire.ExperimentStatus;
import io.agora.wire.ExperimentView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Hosted experiments over HTTP: a submitted config (the CLI's YAML, or its JSON form) is checked against the
 * installed plugins and against cost limits (so a config that would exhaust memory or run for days is refused up
 * front), stored, and run on the same actor runtime as {@code agora experiment run}, on a bounded pool of runner
 * threads, each run within a time limit. Progress and queue positions are live; results (summary, metrics, plots)
 * are stored in the database. An owner or an admin may cancel a queued or running experiment.
 *
 * <p>Experiments that were queued or running when the gateway stopped run again after a restart (runs are
 * deterministic), but each start is counted first: one that was interrupted twice (it may be what brought the
 * gateway down) is marked failed instead of crashing it in a loop.
 *
 * <p>Length: just over 300 lines; the queue and the stopping of runs already live in {@link RunLine}.
 */
@ApplicationScoped
public class ExperimentService {
    private static final Logger LOG = Logger.getLogger(ExperimentService.class);
    private static final Set<String> UNFINISHED = Set.of("queued", "running");
    private static final int MAX_ATTEMPTS = 2;
    private final Platform platform;
    private final ExperimentRepositories.Experiments experiments;
    private final ExperimentRepositories.Files files;
    private final Path workFolder;
    private final RunLine line;
    private final ExperimentCost.Limits limits;
    private final Duration timeLimit;

    ExperimentService(Platform platform, ExperimentRepositories.Experiments experiments, ExperimentRepositories.Files files,
                      @ConfigProperty(name = "agora.data") Path data, @ConfigProperty(name = "agora.experiments.parallel") int parallel,
                      @ConfigProperty(name = "agora.experiments.max-agent-outcomes", defaultValue = "1000000") long maxAgentOutcomes,
                      @ConfigProperty(name = "agora.experiments.max-work", defaultValue = "1000000000") long maxWork,
                      @ConfigProperty(name = "agora.experiments.max-points", defaultValue = "1000") long maxPoints,
                      @ConfigProperty(name = "agora.experiments.time-limit", defaultValue = "PT30M") Duration timeLimit) {
        this.platform = platform;
        this.experiments = experiments;
        this.files = files;
        this.workFolder = data.resolve("experiments");
        this.line = new RunLine(parallel);
        this.limits = new ExperimentCost.Limits(maxAgentOutcomes, maxWork, maxPoints);
        this.timeLimit = timeLimit;
    }

    void resume(@Observes StartupEvent start) throws Throwable {
        resumeUnfinished();
    }

    /**
     * Queues again the experiments left queued or running by an earlier gateway (those this one does not already
     * run); fails, instead of queuing, those started twice already and those that no longer pass the checks.
     *
     * @return how many were queued again
     */
    public int resumeUnfinished() throws Throwable {
        List<ExperimentEntity> pending = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(experiments::unfinished));
        int queued = 0;
        for (ExperimentEntity e : pending) {
            if (line.knows(e.id)) {
                continue;
            }
            if (e.attempts >= MAX_ATTEMPTS) {
                LOG.warnf("experiment %s was interrupted %d times; not retried", e.id, e.attempts);
                record(e.id, UNFINISHED, "failed", "interrupted twice; not retried", null, List.of());
                continue;
            }
            ExperimentConfig config;
            try {
                config = ExperimentConfigParser.parse(e.config, "experiment " + e.id);
                ExperimentCost.check(config, limits);
            } catch (RuntimeException ex) { // the limits or the config format changed; a bad row must not stop start-up
                record(e.id, UNFINISHED, "failed", "not run again: " + ex.getMessage(), null, List.of());
                continue;
            }
            enqueue(e.id, config);
            queued++;
        }
        if (queued > 0) {
            LOG.infof("experiments: %d unfinished experiments queued again", queued);
        }
        return queued;
    }

    void stop(@Observes ShutdownEvent stop) {
        line.shutdown();
    }

    /** Checks, stores and queues an experiment. */
    public Uni<ExperimentView> submit(String body, String format, String owner) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "an experiment config (YAML or JSON) is required");
        }
        if (body.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("body", "must not contain NUL characters");
        }
        ExperimentConfig config;
        try {
            config = ExperimentConfigParser.parse(body, "the request body");
            // Before expanding the sweeps: expansion itself is what a hostile config makes expensive.
            ExperimentCost.check(config, limits);
            ExperimentPlan.points(config, platform.plugins());
        } catch (InvalidInputException e) {
            throw ProblemException.badRequest(e.field(), e.rule());
        } catch (PluginFailureException e) {
            throw new ProblemException(422, "mechanism", PublicReason.of(e.getMessage()));
        }
        Params.displayName("name", config.name());
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

    /**
     * Cancels a queued or running experiment: the status is written first (under a row lock, so a run finishing at
     * the same moment cannot overwrite it), then the run leaves the line or is interrupted, which stops its actors.
     */
    public Uni<ExperimentView> cancel(String id, String caller, boolean admin) {
        return Panache.withTransaction(() -> experiments.findById(id, LockModeType.PESSIMISTIC_WRITE).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("id", "no experiment '" + id + "'");
            }
            if (!admin && !e.owner.equals(caller)) {
                throw new ProblemException(403, "id", "only the experimenter who submitted experiment '" + id + "' or an admin may cancel it");
            }
            if (!UNFINISHED.contains(e.status)) {
                throw ProblemException.conflict("status", "experiment '" + id + "' is already " + e.status);
            }
            Long done = line.done(id);
            e.sessionsDone = done != null ? done : e.sessionsDone;
            e.status = "cancelled";
            e.error = "cancelled by " + caller;
            e.finishedAt = OffsetDateTime.now();
            return e;
        })).invoke(e -> line.stop(id)).map(e -> view(e, List.of()));
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
        Long live = UNFINISHED.contains(e.status) ? line.done(e.id) : null;
        Integer position = "queued".equals(e.status) ? line.position(e.id) : null;
        return new ExperimentView(e.id, e.name, ExperimentStatus.of(e.status), live != null ? live : e.sessionsDone, e.sessionsTotal, e.owner,
                e.createdAt.toInstant(), e.finishedAt == null ? null : e.finishedAt.toInstant(), names, e.error, position);
    }

    private void enqueue(String id, ExperimentConfig config) {
        line.add(id, run -> run(run, config));
    }

    /**
     * Runs on a runner thread (blocking is fine here; the event loop is never used). Whatever is thrown, an
     * OutOfMemoryError included, ends as this experiment's failure and never reaches the thread or the process.
     */
    private void run(RunLine.Run run, ExperimentConfig config) {
        String id = run.id;
        try {
            if (!record(id, UNFINISHED, "running", null, null, List.of())) {
                return; // cancelled before it started
            }
            ExperimentResult result;
            if (!run.enter()) {
                return; // cancelled while it was being marked running; the canceller wrote the status
            }
            try {
                result = ExperimentRunner.run(config, platform.plugins(), Runtime.getRuntime().availableProcessors(),
                        run.done::addAndGet, timeLimit);
            } finally {
                run.leave();
            }
            Path out = workFolder.resolve(id);
            List<Path> written;
            try {
                written = ExperimentWriter.write(result, out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("its results could not be written (" + e.getMessage() + ")", e);
            }
            String summary = Files.readString(out.resolve("summary.json"));
            record(id, Set.of("running"), "finished", null, summary, written);
        } catch (InterruptedException e) {
            // Cancelled (the status is written) or the gateway is stopping (it stays running, to resume on restart).
            LOG.infof("experiment %s stopped", id);
        } catch (ExperimentTimeLimitException e) {
            fail(id, e.getMessage() + " (agora.experiments.time-limit)", e);
        } catch (OutOfMemoryError e) {
            fail(id, "ran out of memory; lower its samples, rounds, outcomes or population", e);
        } catch (Throwable e) {
            fail(id, e.getMessage() != null ? e.getMessage() : "an internal error (see the gateway log)", e);
        }
    }

    private void fail(String id, String reason, Throwable cause) {
        LOG.errorf(cause, "experiment %s failed: %s", id, reason);
        try {
            record(id, Set.of("running"), "failed", reason, null, List.of());
        } catch (Throwable again) {
            LOG.errorf(again, "experiment %s: the failure could not be recorded", id);
        }
    }

    /**
     * Moves experiment {@code id} to {@code status} (with its files, if any) if its status is one of {@code from};
     * the row is locked, so a cancel and the end of the run cannot both win. Starting a run counts an attempt.
     *
     * @return whether the status was changed
     */
    private boolean record(String id, Set<String> from, String status, String error, String summary, List<Path> written) throws Throwable {
        Long done = line.done(id);
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                experiments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(e -> {
                    if (e == null || !from.contains(e.status)) {
                        return Uni.createFrom().item(false);
                    }
                    e.status = status;
                    e.error = error;
                    if (done != null) {
                        e.sessionsDone = done;
                    }
                    if (summary != null) {
                        e.summary = summary;
                    }
                    if (status.equals("running")) {
                        e.attempts++;
                    } else {
                        e.finishedAt = OffsetDateTime.now();
                    }
                    return storeFiles(id, written).replaceWith(true);
                })));
    }

    private Uni<Void> storeFiles(String id, List<Path> written) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Path p : written) {
            chain = chain.chain(() -> {
                ExperimentFileEntity f = new ExperimentFileEntity();
                f.experimentId = id;
                f.name = p.getFileName().toString();
                f.contentType = ExperimentFileEntity.contentType(f.name);
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
}
