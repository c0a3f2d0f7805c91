package io.agora.experiment;

import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.MarketRules;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.system.Lanes;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.Map;

/**
 * Plays one chunk of a sweep point's sessions on the actor system: it spawns one market and the hosted
 * agents on its own lane, then drives sessions and rounds in lockstep (the next round opens when the last one clears; no
 * wall-clock timers), and reports the chunk's statistics to its experiment.
 */
final class ChunkWorker extends AbstractBehavior<ChunkWorker.Command> {

    interface Command {
    }

    private record Cleared(Market.RoundEvent event) implements Command {
    }

    static Behavior<Command> create(SessionPlan plan, int chunk, long from, long to, int lane, ActorRef<Experiment.Command> parent) {
        return Behaviors.setup(ctx -> new ChunkWorker(ctx, plan, chunk, from, to, lane, parent));
    }

    private final SessionPlan plan;
    private final int chunk;
    private final long to;
    private final ActorRef<Experiment.Command> parent;
    private final ActorRef<Market.Command> market;
    private final ActorRef<Market.RoundEvent> events;
    private final Stats stats = new Stats();
    private long sample;
    private int round;
    /** The current session's mechanism, when one serves the whole session (it may deal the agents' types). */
    private GuardedMechanism session;

    private ChunkWorker(ActorContext<Command> ctx, SessionPlan plan, int chunk, long from, long to, int lane,
                        ActorRef<Experiment.Command> parent) {
        super(ctx);
        this.plan = plan;
        this.chunk = chunk;
        this.to = to;
        this.parent = parent;
        ExperimentConfig c = plan.config();
        MarketRules rules = MarketRules.hosted("chunk-" + chunk, plan.reference(), null, c.missPolicy(), c.fullInformation(),
                c.rounds() > 1);
        this.market = ctx.spawn(Market.hosted(rules, null), "market", Lanes.lane(lane));
        for (int a = 0; a < plan.agents().size(); a++) {
            String agent = plan.agents().get(a);
            ActorRef<Agent.Command> ref = ctx.spawn(Agent.create(agent, plan.strategy(a), 0), "agent-" + a, Lanes.lane(lane));
            market.tell(new Market.Seat(agent, ref, plan.strategy(a).usesOthersReports()));
        }
        this.events = ctx.messageAdapter(Market.RoundEvent.class, Cleared::new);
        this.sample = from - 1;
        startNextSession();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Cleared.class, this::onCleared).build();
    }

    private Behavior<Command> onCleared(Cleared cleared) {
        if (cleared.event() instanceof Market.RoundCleared c) {
            plan.observe(c, stats);
        } else if (cleared.event() instanceof Market.RoundFailed f) {
            stats.fail("round " + f.round() + " of sample " + sample + ": " + f.reason());
        }
        if (round + 1 < plan.config().rounds()) {
            openRound(round + 1);
        } else {
            startNextSession();
        }
        return sample >= to ? Behaviors.stopped() : this;
    }

    /** Opens the next session, skipping (and recording) sessions whose mechanism cannot open. */
    private void startNextSession() {
        while (++sample < to) {
            try {
                GuardedMechanism mechanism = plan.oneMechanismPerSession() ? plan.openSession(sample) : null;
                session = mechanism;
                market.tell(new Market.Restart(mechanism, plan.agentSeeds(sample)));
                openRound(0);
                return;
            } catch (PluginFailureException | InvalidInputException e) {
                for (int r = 0; r < plan.config().rounds(); r++) {
                    stats.fail("round " + r + " of sample " + sample + ": " + e.getMessage());
                }
            }
        }
        parent.tell(new Experiment.ChunkDone(chunk, stats, runningLane()));
    }

    /** The lane (dispatcher) whose thread runs this worker, read from the thread: the proof that lanes work. */
    private static String runningLane() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lanes\\.lane-\\d+").matcher(Thread.currentThread().getName());
        return m.find() ? m.group() : Thread.currentThread().getName();
    }

    private void openRound(int r) {
        round = r;
        Map<String, Report> types;
        try {
            types = plan.types(sample, r, session);
        } catch (PluginFailureException e) {
            getContext().getSelf().tell(new Cleared(new Market.RoundFailed(r, e.getMessage(), java.util.List.of(), Map.of())));
            return;
        }
        if (!plan.oneMechanismPerSession()) {
            try {
                market.tell(new Market.ReplaceMechanism(plan.openWithMenu(types, sample, r)));
            } catch (PluginFailureException | InvalidInputException e) {
                getContext().getSelf().tell(new Cleared(new Market.RoundFailed(r, e.getMessage(), java.util.List.of(), Map.of())));
                return;
            }
        }
        market.tell(new Market.OpenRound(r, types, plan.measure(sample, r), events));
    }
}
