package io.agora.runtime.market;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.agora.api.FullInformation;
import io.agora.api.InvalidInputException;
import io.agora.api.PastRound;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.api.RoundContext;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.CborSerializable;
import io.agora.runtime.trainer.Trainer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One market: it seats agents, runs the round lifecycle (open → collecting → clearing → settled), owns the
 * mechanism instance and is the only writer of its state.
 *
 * <p>A round opens with each seat's private type. Seats report; the round clears as soon as every seat has
 * reported (lockstep, no waiting), or when the deadline passes, in which case the seats that did not report
 * get the {@link MissPolicy} and are listed as missed. Under full information, seats whose strategy reads
 * the others' reports are asked last, one at a time, and see the reports filed so far (the true type for a
 * seat still to report). A strategy that fails is recorded as a fault and handled like a miss. A mechanism
 * that fails fails the round ({@link RoundFailed}); the market stays open for the next round.
 *
 * <p>Length: over 300 lines with its protocol records; the round's bookkeeping already lives in {@link RoundBook}
 * and {@link Clearing}, and the merge with {@link BotMarket} into one market actor is the next step.
 */
public final class Market extends AbstractBehavior<Market.Command> {

    /** Everything a market accepts. Commands may cross nodes unless marked local-only. */
    public interface Command extends CborSerializable {
    }

    /**
     * Seats an agent.
     *
     * @param agent             the seat's id, unique in the market
     * @param ref               where round invitations go
     * @param usesOthersReports whether the seat's strategy reads the others' reports (asked last)
     */
    public record Seat(String agent, ActorRef<Agent.Command> ref, boolean usesOthersReports) implements Command {
    }

    /**
     * Local-only. Starts a new session of a hosted market (each sample of an experiment is a fresh market): from the
     * next round on, the mechanism instance is {@code mechanism} and every hosted agent restarts its strategy
     * with its seed in {@code agentSeeds} and an empty history.
     */
    public record Restart(GuardedMechanism mechanism, Map<String, Long> agentSeeds) implements Command {
    }

    /** Attaches the trainer that fine-tunes this market's policy: it trains on every round that clears. */
    public record AttachTrainer(ActorRef<Trainer.Command> trainer) implements Command {
    }

    /** Local-only. Replaces the mechanism instance between rounds (finite-menu experiments build a menu per round). */
    public record ReplaceMechanism(GuardedMechanism mechanism) implements Command {
    }

    /**
     * Opens a round.
     *
     * @param round   the round number
     * @param types   each seat's private type, handed only to that seat
     * @param measure what to measure beyond the result
     * @param replyTo receives {@link RoundCleared} or {@link RoundFailed}
     */
    public record OpenRound(int round, Map<String, Report> types, Measure measure, ActorRef<RoundEvent> replyTo)
            implements Command {
    }

    /**
     * A seat's report for a round; resubmitting before the round closes replaces it.
     *
     * @param replyTo receives {@link Accepted} or {@link Rejected}; may be {@code null} for hosted agents
     */
    public record SubmitReport(String agent, int round, Report report, ActorRef<SubmitReply> replyTo) implements Command {
    }

    /** A hosted seat's strategy failed to report; the miss policy applies and the fault is recorded. */
    public record ReportFailed(String agent, int round, String reason) implements Command {
    }

    private record DeadlinePassed(int round) implements Command {
    }

    /**
     * Closes a collecting round now, as if its deadline had passed: seats without a report get the miss policy and
     * the round clears. For hosts that keep the deadline themselves (the gateway's {@link BotMarket}, which first
     * waits for the reports it is still journaling). Ignored unless {@code round} is collecting.
     */
    public record CloseRound(int round) implements Command {
    }

    /**
     * Gives the market a balance that its payments may never overdraw: a round whose net payments to agents exceed
     * what is left fails, before the mechanism settles it. Markets without a balance (hosted experiments) have no
     * such limit.
     *
     * @param balance what the market holds now: its budget plus what it received minus what it paid, {@code >= 0}
     */
    public record Fund(double balance) implements Command {
    }

    /** Asks for the outcome of a settled round (one of the last {@value #RESULTS_KEPT}). */
    public record GetResult(int round, ActorRef<Result> replyTo) implements Command {
    }

    /** The outcome of a round: {@code event} is {@code null} when the round is unknown or no longer kept. */
    public record Result(int round, RoundEvent event) implements CborSerializable {
    }

    /** The answer to a {@link SubmitReport}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Accepted.class, name = "accepted"), @JsonSubTypes.Type(value = Rejected.class, name = "rejected")})
    public sealed interface SubmitReply extends CborSerializable permits Accepted, Rejected {
    }

    /** The report was filed. */
    public record Accepted(int round) implements SubmitReply {
    }

    /** The report was refused; nothing changed. */
    public record Rejected(int round, String reason) implements SubmitReply {
    }

    /** What the opener of a round hears when it ends. Typed on the wire, as it also travels inside {@link Result}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = RoundCleared.class, name = "cleared"), @JsonSubTypes.Type(value = RoundFailed.class, name = "failed")})
    public sealed interface RoundEvent extends CborSerializable permits RoundCleared, RoundFailed {
        /** The round number. */
        int round();
    }

    /**
     * A round cleared.
     *
     * @param round         the round number
     * @param reports       the reports the mechanism cleared, in seat order
     * @param result        the mechanism's result
     * @param values        each seat's value under its true type, in seat order
     * @param payments      each seat's payment (0 for an abstaining seat), in seat order
     * @param baseValues    values when every seat is truthful, or {@code null} when not measured
     * @param basePayments  payments when every seat is truthful, or {@code null}
     * @param auditGains    the largest misreport gain per requested audit label
     * @param missed        seats that missed the deadline
     * @param faults        seats whose strategy failed, with the reason
     */
    public record RoundCleared(int round, List<Report> reports, RoundResult result, double[] values, double[] payments,
                               double[] baseValues, double[] basePayments, Map<String, Double> auditGains,
                               List<String> missed, Map<String, String> faults) implements RoundEvent {
    }

    /** A round could not clear; {@code reason} names the plugin and the cause. */
    public record RoundFailed(int round, String reason, List<String> missed, Map<String, String> faults) implements RoundEvent {
    }

    /**
     * Opens a sharded market that was created from its id alone; until then it refuses rounds.
     *
     * @param replyTo receives {@link Configured} (also when it already was configured)
     */
    public record Configure(MarketSpec spec, ActorRef<Configured> replyTo) implements Command {
    }

    /** The answer to {@link Configure}: {@code error} is {@code null} on success, otherwise why it failed. */
    public record Configured(String marketId, String error) implements CborSerializable {
    }

    /**
     * A market known only by its id, as Cluster Sharding creates it: it waits for {@link Configure}, opens the
     * mechanism from this node's plugin host, and becomes a {@link Market}.
     */
    public static Behavior<Command> sharded(String marketId, PluginHost host) {
        return UnconfiguredMarket.create(marketId, host);
    }

    /** The market behaviour once settings and mechanism are known (used by {@link UnconfiguredMarket}). */
    static Behavior<Command> configured(ActorContext<Command> ctx, TimerScheduler<Command> timers, MarketSettings settings,
                                        GuardedMechanism mechanism) {
        return new Market(ctx, timers, settings, mechanism);
    }

    /** Creates a market with its first mechanism instance ({@code null} until a {@link Restart} brings one). */
    public static Behavior<Command> create(MarketSettings settings, GuardedMechanism mechanism) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Market(ctx, timers, settings, mechanism)));
    }

    private final TimerScheduler<Command> timers;
    private final MarketSettings settings;
    private GuardedMechanism mechanism;
    private final Map<String, Seat> seats = new LinkedHashMap<>();
    private final List<String> seatOrder = new ArrayList<>();
    /** How many settled rounds a market answers {@link GetResult} for (the ledger of record is the gateway's). */
    static final int RESULTS_KEPT = 64;
    private final Map<Integer, RoundEvent> results = new LinkedHashMap<>();
    private RoundBook book;
    private ActorRef<Trainer.Command> trainer;
    /** The session number and the strategy seeds of its hosted agents (sent with each invitation). */
    private long session;
    private Map<String, Long> sessionSeeds = Map.of();
    private OpenRound opened;
    private final List<String> waitingFullInformation = new ArrayList<>();
    /** What the market may still pay out ({@link Fund}); {@code null} for no limit. */
    private Double balance;

    private Market(ActorContext<Command> ctx, TimerScheduler<Command> timers, MarketSettings settings, GuardedMechanism mechanism) {
        super(ctx);
        this.timers = timers;
        this.settings = settings;
        this.mechanism = mechanism;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Seat.class, this::onSeat)
                .onMessage(Restart.class, this::onRestart)
                .onMessage(ReplaceMechanism.class, m -> {
                    mechanism = m.mechanism();
                    return this;
                })
                .onMessage(Fund.class, f -> {
                    balance = f.balance();
                    return this;
                })
                .onMessage(AttachTrainer.class, a -> {
                    trainer = a.trainer();
                    return this;
                })
                .onMessage(OpenRound.class, this::onOpenRound)
                .onMessage(SubmitReport.class, this::onSubmitReport)
                .onMessage(ReportFailed.class, this::onReportFailed)
                .onMessage(DeadlinePassed.class, d -> onDeadlinePassed(d.round()))
                .onMessage(CloseRound.class, c -> onDeadlinePassed(c.round()))
                .onMessage(GetResult.class, g -> {
                    g.replyTo().tell(new Result(g.round(), results.get(g.round())));
                    return this;
                })
                .onMessage(Configure.class, c -> {
                    c.replyTo().tell(new Configured(settings.marketId(), null));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSeat(Seat seat) {
        if (seats.put(seat.agent(), seat) == null) {
            seatOrder.add(seat.agent());
        }
        return this;
    }

    private Behavior<Command> onRestart(Restart restart) {
        if (restart.mechanism() != null) {
            mechanism = restart.mechanism();
        }
        session++;
        sessionSeeds = restart.agentSeeds();
        return this;
    }

    private Behavior<Command> onOpenRound(OpenRound open) {
        if (mechanism == null) {
            open.replyTo().tell(new RoundFailed(open.round(), "the market has no mechanism yet", List.of(), Map.of()));
            return this;
        }
        if (book != null) {
            open.replyTo().tell(new RoundFailed(open.round(), "round " + book.round() + " is still collecting", List.of(), Map.of()));
            return this;
        }
        List<String> expected = new ArrayList<>(seatOrder.size());
        for (String seat : seatOrder) {
            if (open.types().containsKey(seat)) {
                expected.add(seat);
            }
        }
        book = new RoundBook(open.round(), expected, open.types());
        opened = open;
        waitingFullInformation.clear();
        ReportShape space = mechanism.reportShape();
        for (String agent : expected) {
            Seat seat = seats.get(agent);
            if (settings.fullInformation() && seat.usesOthersReports()) {
                waitingFullInformation.add(agent);
            } else {
                invite(seat, space, Optional.empty());
            }
        }
        if (settings.deadline() != null) {
            timers.startSingleTimer(new DeadlinePassed(open.round()), settings.deadline());
        }
        return advance();
    }

    private void invite(Seat seat, ReportShape space, Optional<FullInformation> info) {
        RoundContext context = new RoundContext(mechanism.mechanismId(), book.round(), settings.outcomes(),
                settings.reference(), space, List.of(), info);
        Long seed = sessionSeeds.get(seat.agent());
        seat.ref().tell(new Agent.RoundOpened(book.round(), book.type(seat.agent()), context, getContext().getSelf(),
                session, seed == null ? 0 : seed));
    }

    private Behavior<Command> onSubmitReport(SubmitReport submit) {
        String refusal = refusal(submit.agent(), submit.round());
        if (refusal == null && !submit.report().agent().equals(submit.agent())) {
            refusal = "agent: the report is for '" + submit.report().agent() + "', not for seat '" + submit.agent() + "'";
        }
        // A submitter that waits for an answer is told at once if its report is invalid. Hosted agents' reports
        // are checked by the mechanism when the round clears (in parallel for large rounds), and an invalid one
        // becomes a fault of its seat there.
        if (refusal == null && submit.replyTo() != null) {
            try {
                mechanism.validate(submit.report(), settings.outcomes());
            } catch (InvalidInputException | PluginFailureException e) {
                refusal = e.getMessage();
            }
        }
        if (refusal != null) {
            if (submit.replyTo() != null) {
                submit.replyTo().tell(new Rejected(submit.round(), refusal));
            } else if (book != null && book.round() == submit.round() && book.expects(submit.agent())) {
                // A hosted strategy produced a report the mechanism rejects: a fault of that strategy.
                book.fail(submit.agent(), "invalid report: " + refusal, settings.missPolicy(), mechanism.reportShape());
                return advance();
            }
            return this;
        }
        book.file(submit.agent(), submit.report());
        if (submit.replyTo() != null) {
            submit.replyTo().tell(new Accepted(submit.round()));
        }
        return advance();
    }

    private String refusal(String agent, int round) {
        if (!seats.containsKey(agent)) {
            return "agent: no seat '" + agent + "' in market " + settings.marketId();
        }
        if (book == null || book.round() != round) {
            return "round: round " + round + " is not collecting reports" + (book == null ? "" : " (round " + book.round() + " is)");
        }
        if (!book.expects(agent)) {
            return "agent: seat '" + agent + "' has no part in round " + round;
        }
        return null;
    }

    private Behavior<Command> onReportFailed(ReportFailed failed) {
        if (book != null && book.round() == failed.round() && book.expects(failed.agent()) && !book.settled(failed.agent())) {
            book.fail(failed.agent(), failed.reason(), settings.missPolicy(), mechanism.reportShape());
            return advance();
        }
        return this;
    }

    private Behavior<Command> onDeadlinePassed(int round) {
        if (book != null && book.round() == round) {
            waitingFullInformation.clear();
            book.closeMissing(settings.missPolicy(), mechanism.reportShape());
            return advance();
        }
        return this;
    }

    /** Invites the next full-information seat when the others are in, or clears when every seat is settled. */
    private Behavior<Command> advance() {
        if (book == null) {
            return this;
        }
        while (!waitingFullInformation.isEmpty()) {
            String next = waitingFullInformation.get(0);
            if (book.settled(next)) {
                waitingFullInformation.remove(0);
                invited = null;
                continue;
            }
            // Unsettled seats are exactly the waiting ones once everybody else is in (counts, not scans:
            // a round may have thousands of seats).
            boolean othersIn = book.settledCount() + unsettledWaiting() == book.seats().size();
            if (othersIn && !next.equals(invited)) {
                invited = next;
                invite(seats.get(next), mechanism.reportShape(), Optional.of(fullInformation(next)));
            }
            return this;
        }
        if (book.complete()) {
            clear();
        }
        return this;
    }

    private int unsettledWaiting() {
        int n = 0;
        for (String seat : waitingFullInformation) {
            if (!book.settled(seat)) {
                n++;
            }
        }
        return n;
    }

    /** The full-information seat invited and not yet answered, if any. */
    private String invited;

    /** What a full-information seat sees: the reports so far, the truth for seats still to report, and a utility oracle. */
    private FullInformation fullInformation(String agent) {
        List<Report> profile = new ArrayList<>();
        int index = -1;
        for (String seat : book.seats()) {
            if (seat.equals(agent)) {
                index = profile.size();
                profile.add(book.type(seat));
            } else if (book.report(seat) != null) {
                profile.add(book.report(seat));
            } else if (!book.settled(seat)) {
                profile.add(book.type(seat));
            }
        }
        RoundInput base = new RoundInput(book.round(), settings.outcomes(), settings.reference(), profile);
        return new FullInformationView(mechanism, base, index, book.type(agent));
    }

    private void clear() {
        RoundBook done = book;
        OpenRound open = opened;
        book = null;
        opened = null;
        invited = null;
        timers.cancel(new DeadlinePassed(done.round()));
        RoundEvent event;
        try {
            event = cleared(done, open.measure());
        } catch (PluginFailureException | InvalidInputException e) {
            event = new RoundFailed(done.round(), e.getMessage(), done.missed(), done.faults());
        }
        results.put(done.round(), event);
        while (results.size() > RESULTS_KEPT) {
            results.remove(results.keySet().iterator().next());
        }
        open.replyTo().tell(event);
    }

    /**
     * What the market takes in from a round's payments (agents pay what they pay, so negative is a payout), or a
     * failure of the round, before the mechanism settles it, when the payout would overdraw the balance.
     */
    private double affordable(double[] payments) {
        double received = 0;
        for (double p : payments) {
            received += p;
        }
        if (balance != null && balance + received < -1e-9) {
            throw new InvalidInputException("budget", String.format(java.util.Locale.ROOT,
                    "the round would pay out %.6g net, more than the %.6g the market has left", -received, balance));
        }
        return received;
    }

    /** What an online mechanism learns from a cleared round: realized values by seat, and the seats that missed. */
    private static RoundRecord record(RoundBook done, RoundInput round, RoundCleared cleared) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> seatList = done.seats();
        for (int i = 0; i < seatList.size(); i++) {
            values.put(seatList.get(i), cleared.values()[i]);
        }
        Set<String> missed = new HashSet<>(cleared.missed());
        missed.addAll(cleared.faults().keySet());
        return new RoundRecord(round, cleared.result(), values, missed);
    }

    private RoundCleared cleared(RoundBook done, Measure measure) {
        RoundCleared cleared = Clearing.clear(mechanism, settings, done, measure);
        RoundInput round = new RoundInput(done.round(), settings.outcomes(), settings.reference(), cleared.reports());
        double received = affordable(cleared.payments());
        mechanism.settle(record(done, round, cleared));
        if (balance != null) {
            balance += received; // only once the round is settled: a round that fails in settle costs nothing
        }
        if (trainer != null) {
            trainer.tell(new Trainer.Train(done.round(), cleared.result(), null));
        }
        if (settings.agentHistory()) {
            List<String> seatList = done.seats();
            for (int i = 0; i < seatList.size(); i++) {
                String seat = seatList.get(i);
                Report report = done.report(seat);
                double paid = cleared.payments()[i];
                seats.get(seat).ref().tell(new Agent.RoundSettled(new PastRound(done.round(), done.type(seat),
                        report == null ? done.type(seat) : report, cleared.result().policy(), paid, cleared.values()[i] - paid)));
            }
        }
        return cleared;
    }
}
