package io.agora.runtime.agent;

import io.agora.api.PastRound;
import io.agora.api.Report;
import io.agora.api.RoundContext;
import io.agora.runtime.market.Market;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.system.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A hosted agent: one seat in one market, played by a strategy plugin. When a round opens it asks its
 * strategy for a report (with its own history) and files it; if the strategy throws, it tells the market,
 * which records the fault and applies its miss policy. Remote bots will be another behaviour of this same
 * protocol, so the market cannot tell them apart.
 *
 * <p>A strategy sees the seat's last {@value #HISTORY} rounds: a whole history, copied into every round's context,
 * made a market of T rounds cost O(T²) (100,000 rounds of ten labelers took 130 s, nearly all of it copying) and held
 * every past type and policy in memory.
 */
public final class Agent extends AbstractBehavior<Agent.Command> {

    /** Everything an agent accepts; these may cross nodes (a full-information oracle arrives as absent). */
    public interface Command extends CborSerializable {
    }

    /**
     * A round opened: the public context, this seat's private type, and where to report.
     *
     * @param round   the round number
     * @param type    this seat's private type
     * @param context the public round information (the history is filled in by the agent)
     * @param market  where the report goes
     * @param session the market's session; when it changes, a hosted agent restarts its strategy with
     *                {@code seed} and forgets its history (each experiment sample is a fresh market)
     * @param seed    the strategy seed of this session
     */
    public record RoundOpened(int round, Report type, RoundContext context, ActorRef<Market.Command> market,
                              long session, long seed) implements Command {
    }

    /** A round this seat took part in was settled: one more entry of its history. */
    public record RoundSettled(PastRound round) implements Command {
    }

    /** Creates a hosted agent for seat {@code agent}. */
    public static Behavior<Command> create(String agent, GuardedStrategy.Factory strategies, long seed) {
        return Behaviors.setup(ctx -> new Agent(ctx, agent, strategies, seed));
    }

    private final String agent;
    private final GuardedStrategy.Factory strategies;
    private GuardedStrategy strategy;
    /** How many of its latest rounds a seat's strategy sees. */
    public static final int HISTORY = 32;

    private final ArrayDeque<PastRound> history = new ArrayDeque<>(HISTORY);
    /** The history as the strategy sees it, built once per change (a context then shares it without a copy). */
    private List<PastRound> view = List.of();
    private long session;
    private String startFailure;

    private Agent(ActorContext<Command> ctx, String agent, GuardedStrategy.Factory strategies, long seed) {
        super(ctx);
        this.agent = agent;
        this.strategies = strategies;
        try {
            this.strategy = strategies.create(seed);
        } catch (PluginFailureException e) {
            this.startFailure = e.getMessage();
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RoundOpened.class, this::onRoundOpened)
                .onMessage(RoundSettled.class, settled -> {
                    if (history.size() == HISTORY) {
                        history.removeFirst();
                    }
                    history.addLast(settled.round());
                    view = null;
                    return this;
                })
                .build();
    }

    private Behavior<Command> onRoundOpened(RoundOpened opened) {
        if (opened.session() != session) {
            session = opened.session();
            history.clear();
            view = List.of();
            try {
                strategy = strategies.create(opened.seed());
            } catch (PluginFailureException e) {
                strategy = null;
                startFailure = e.getMessage();
            }
        }
        if (strategy == null) {
            opened.market().tell(new Market.ReportFailed(agent, opened.round(), startFailure));
            return this;
        }
        RoundContext c = opened.context();
        if (view == null) {
            view = List.copyOf(history);
        }
        RoundContext context = history.isEmpty() ? c
                : new RoundContext(c.mechanism(), c.round(), c.outcomes(), c.reference(), c.reportShape(), view, c.fullInformation());
        try {
            Report report = strategy.report(opened.type(), context);
            opened.market().tell(new Market.SubmitReport(agent, opened.round(), report));
        } catch (PluginFailureException | io.agora.api.InvalidInputException e) {
            opened.market().tell(new Market.ReportFailed(agent, opened.round(), e.getMessage()));
        }
        return this;
    }
}
