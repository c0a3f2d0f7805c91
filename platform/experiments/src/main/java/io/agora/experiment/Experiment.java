package io.agora.experiment;

import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.Lanes;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One experiment run: it expands the sweeps into points, cuts each point's sessions into fixed chunks and
 * fans them out over {@link ChunkWorker} children, one per lane (a single-thread dispatcher), so that every
 * core works while each market talks to its agents without crossing threads. Chunk statistics are merged in chunk order, so the result does not depend on scheduling.
 */
public final class Experiment extends AbstractBehavior<Experiment.Command> {
    /** Sessions per chunk: small enough to balance the cores, large enough to amortize the chunk's actors. */
    static final int CHUNK = 1000;

    /** Everything an experiment accepts. */
    public interface Command {
    }

    /** Runs the experiment once; the answer is {@link Finished} or {@link Failed}. */
    public record Run(ActorRef<Outcome> replyTo) implements Command {
    }

    record ChunkDone(int chunk, Stats stats, String lane) implements Command {
    }

    /** A chunk worker stopped; if it never reported, it crashed (a bug), and the run fails instead of hanging. */
    private record ChunkStopped(int chunk) implements Command {
    }

    /** How a run ended. */
    public sealed interface Outcome permits Finished, Failed {
    }

    /** The run finished (individual rounds may still have failed; see the statistics). */
    public record Finished(ExperimentResult result) implements Outcome {
    }

    /** The run could not start: the config does not fit the installed plugins. */
    public record Failed(RuntimeException cause) implements Outcome {
    }

    /** Creates an experiment that reports progress (sessions played) to {@code progress}. */
    public static Behavior<Command> create(ExperimentConfig config, PluginHost host, int workers, LongConsumer progress) {
        return Behaviors.setup(ctx -> new Experiment(ctx, config, host, workers, progress));
    }

    private record Unit(int point, long from, long to) {
    }

    private final ExperimentConfig config;
    private final PluginHost host;
    private final int workers;
    private final LongConsumer progress;
    private List<Point> points;
    private List<SessionPlan> plans;
    private final List<Unit> units = new ArrayList<>();
    private Stats[] done;
    private int launched;
    private final java.util.Set<String> lanes = new java.util.TreeSet<>();
    private final java.util.Map<Integer, Integer> laneOf = new java.util.HashMap<>();
    private int finished;
    private ActorRef<Outcome> replyTo;

    private Experiment(ActorContext<Command> ctx, ExperimentConfig config, PluginHost host, int workers, LongConsumer progress) {
        super(ctx);
        this.config = config;
        this.host = host;
        this.workers = workers;
        this.progress = progress;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Run.class, this::onRun)
                .onMessage(ChunkDone.class, this::onChunkDone)
                .onMessage(ChunkStopped.class, this::onChunkStopped)
                .build();
    }

    private Behavior<Command> onRun(Run run) {
        if (replyTo != null) {
            run.replyTo().tell(new Failed(new IllegalStateException("the experiment is already running")));
            return this;
        }
        replyTo = run.replyTo();
        List<SessionPlan> plans = new ArrayList<>();
        try {
            points = ExperimentPlan.points(config, host);
            for (Point p : points) {
                plans.add(new SessionPlan(config, host, p));
            }
        } catch (RuntimeException e) {
            replyTo.tell(new Failed(e));
            return Behaviors.stopped();
        }
        for (int p = 0; p < points.size(); p++) {
            for (long from = 0; from < config.samples(); from += CHUNK) {
                units.add(new Unit(p, from, Math.min(config.samples(), from + CHUNK)));
            }
        }
        done = new Stats[units.size()];
        this.plans = plans;
        for (int lane = 0; lane < Math.min(workers, units.size()); lane++) {
            launch(lane);
        }
        return this;
    }

    /** Starts the next chunk on {@code lane}: its worker, market and agents all run on that lane's thread. */
    private void launch(int lane) {
        int chunk = launched++;
        laneOf.put(chunk, lane);
        Unit u = units.get(chunk);
        var worker = getContext().spawn(ChunkWorker.create(plans.get(u.point()), chunk, u.from(), u.to(), lane, getContext().getSelf()),
                "chunk-" + chunk, Lanes.lane(lane));
        getContext().watchWith(worker, new ChunkStopped(chunk));
    }

    private Behavior<Command> onChunkStopped(ChunkStopped stopped) {
        if (done[stopped.chunk()] != null) {
            return this;
        }
        replyTo.tell(new Failed(new IllegalStateException("chunk " + stopped.chunk() + " of the experiment stopped without a result (see the log)")));
        return Behaviors.stopped();
    }

    private Behavior<Command> onChunkDone(ChunkDone chunkDone) {
        done[chunkDone.chunk()] = chunkDone.stats();
        lanes.add(chunkDone.lane());
        Unit u = units.get(chunkDone.chunk());
        progress.accept(u.to() - u.from());
        finished++;
        if (launched < units.size()) {
            launch(laneOf.get(chunkDone.chunk()));
        }
        if (finished < units.size()) {
            return this;
        }
        List<Stats> merged = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            merged.add(new Stats());
        }
        for (int c = 0; c < units.size(); c++) {
            merged.get(units.get(c).point()).merge(done[c]);
        }
        replyTo.tell(new Finished(new ExperimentResult(config, points, merged, java.util.Set.copyOf(lanes))));
        return Behaviors.stopped();
    }
}
