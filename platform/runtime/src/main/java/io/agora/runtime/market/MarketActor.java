package io.agora.runtime.market;

import io.agora.api.FullInformation;
import io.agora.api.InvalidInputException;
import io.agora.api.PastRound;
import io.agora.api.PreferencePair;
import io.agora.api.Report;
import io.agora.api.RoundContext;
import io.agora.api.RoundRecord;
import io.agora.api.TypeDraw;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.market.Market.Command;
import io.agora.runtime.market.Market.Reason;
import io.agora.runtime.market.Market.Refused;
import io.agora.runtime.market.Market.RoundCleared;
import io.agora.runtime.market.Market.RoundEvent;
import io.agora.runtime.market.Market.RoundFailed;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal.Stored;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.trainer.Trainer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The behaviour of a {@link Market} (its protocol and invariants are described there). The round's bookkeeping lives
 * in plain classes: {@link RoundBook} (types, reports, misses), {@link ReportIntake} (bots' reports on their way into
 * the journal), {@link FullInformationQueue} (who is asked last) and {@link Clearing} (the mechanism's call).
 *
 * <p>Length: over 300 lines because seating, opening, reporting, the deadline, clearing (handed off the actor's
 * thread for bot markets whose clearing is not known to be quick, and taken back as {@code ClearingDone}), settling,
 * closing and recovery share one actor's state; each handler is short and the state they share is the actor's alone.
 * The clearing's work itself is {@code work}, a function of its arguments, so the hand-off needs no state of its own.
 */
final class MarketActor extends AbstractBehavior<Command> {
    /** How many settled rounds a market answers {@link Market.GetResult} for (the ledger of record is the journal). */
    static final int RESULTS_KEPT = 64;

    /** A bot market whose last clearing took less than this clears the next round on its own thread. */
    private static final long QUICK_CLEARING_NANOS = 1_000_000;

    private record Written(List<ReportIntake.Pending> batch, List<Stored> stored, Throwable error) implements Command {
    }

    private record SeatWritten(String seat, String bot, int index, ActorRef<Market.JoinReply> replyTo, Throwable error)
            implements Command {
    }

    private record Opened(int round, Throwable error) implements Command {
    }

    private record DeadlinePassed(int round) implements Command {
    }

    private record Settled(SettledRound round, int next, Throwable error) implements Command {
    }

    private record ClearingDone(RoundBook round, Timed work, Throwable error) implements Command {
    }

    private record ClosedWritten(ActorRef<Market.CloseReply> replyTo, Throwable error) implements Command {
    }

    /** A seat: a hosted agent ({@code ref}) or a bot ({@code bot}). */
    private record SeatHolder(ActorRef<Agent.Command> ref, boolean usesOthersReports, String bot) {
    }

    private enum Phase {
        WAITING("waiting-for-seats"), OPENING("opening"), COLLECTING("collecting"), CLOSING("collecting"),
        CLEARING("clearing"), FINISHED("finished"), CLOSED("closed");

        final String wire;

        Phase(String wire) {
            this.wire = wire;
        }
    }

    private final TimerScheduler<Command> timers;
    private final MarketRules rules;
    private GuardedMechanism mechanism;
    /** Where a self-driven market journals; {@code null} for a host-driven one. */
    private final MarketJournal journal;
    private final Market.Listener listener;
    private final Map<String, SeatHolder> seats = new LinkedHashMap<>();
    private final Map<String, String> seatOfBot = new HashMap<>();
    private final Set<String> joining = new HashSet<>();
    private Phase phase = Phase.WAITING;
    private int round;
    private Instant deadline;
    private boolean deadlinePassed;
    /** The current round's book (the last round's once it cleared, so a seat still sees what it reported). */
    private RoundBook book;
    private Market.OpenRound opener;
    private final ReportIntake intake = new ReportIntake();
    private final FullInformationQueue lastToReport = new FullInformationQueue();
    private final List<Market.AwaitRound> waiting = new ArrayList<>();
    private final Map<Integer, RoundEvent> results = new LinkedHashMap<>();
    private ActorRef<Trainer.Command> trainer;
    /** The session number and the strategy seeds of its hosted agents (sent with each invitation). */
    private long session;
    private Map<String, Long> sessionSeeds = Map.of();
    /**
     * What the market may still pay out; {@code null} for no limit. Exact, as its ledger keeps it: in doubles, a budget
     * of 10^12 would hide an overdraft of 10^-4.
     */
    private BigDecimal balance;
    /**
     * How long this bot market's last clearing took on the blocking dispatcher or on its own thread; unknown (the
     * largest value) before the first and after one that failed.
     */
    private long lastClearingNanos = Long.MAX_VALUE;
    /** The preference pairs of the round last cleared, for its journal entry. */
    private List<PreferencePair> pairs = List.of();

    MarketActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, MarketRules rules, GuardedMechanism mechanism,
                MarketJournal journal, Market.Listener listener, Market.Recovered recovered) {
        super(ctx);
        this.timers = timers;
        this.rules = rules;
        this.mechanism = mechanism;
        this.journal = journal;
        this.listener = listener;
        if (rules.selfDriven() && journal == null) {
            throw new IllegalArgumentException("a self-driven market needs a journal");
        }
        this.balance = rules.budget() == null ? null
                : BigDecimal.valueOf(rules.budget()).add(recovered == null ? BigDecimal.ZERO : recovered.received());
        if (recovered != null) {
            recover(recovered);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Market.Seat.class, s -> seat(s.agent(), new SeatHolder(s.ref(), s.usesOthersReports(), null)))
                .onMessage(Market.Restart.class, this::onRestart)
                .onMessage(Market.ReplaceMechanism.class, m -> {
                    mechanism = m.mechanism();
                    return this;
                })
                .onMessage(Market.AttachTrainer.class, a -> {
                    trainer = a.trainer();
                    return this;
                })
                .onMessage(Market.OpenRound.class, this::onOpenRound)
                .onMessage(Market.SubmitReport.class, this::onSubmitReport)
                .onMessage(Market.ReportFailed.class, this::onReportFailed)
                .onMessage(Market.Join.class, this::onJoin)
                .onMessage(SeatWritten.class, this::onSeatWritten)
                .onMessage(Opened.class, this::onOpened)
                .onMessage(Market.AwaitRound.class, this::onAwaitRound)
                .onMessage(Market.GetView.class, g -> {
                    g.replyTo().tell(view(g.seat()));
                    return this;
                })
                .onMessage(Market.Locate.class, l -> {
                    l.replyTo().tell(getContext().getSelf());
                    return this;
                })
                .onMessage(Market.Submit.class, this::onSubmit)
                .onMessage(Written.class, this::onWritten)
                .onMessage(DeadlinePassed.class, this::onDeadlinePassed)
                .onMessage(ClearingDone.class, this::onClearingDone)
                .onMessage(Settled.class, this::onSettled)
                .onMessage(Market.GetResult.class, g -> {
                    g.replyTo().tell(new Market.Result(g.round(), results.get(g.round())));
                    return this;
                })
                .onMessage(Market.Close.class, this::onClose)
                .onMessage(ClosedWritten.class, this::onClosedWritten)
                .build();
    }

    private void recover(Market.Recovered recovered) {
        recovered.seats().forEach((seat, bot) -> seat(seat, new SeatHolder(null, false, bot)));
        if (recovered.ended() != null) {
            round = recovered.round();
            phase = "closed".equals(recovered.ended()) ? Phase.CLOSED : Phase.FINISHED;
        } else if (recovered.round() == 0) {
            if (seats.size() == rules.seats()) {
                open(1);
            }
        } else {
            startRound(recovered.round(), drawTypes(recovered.round()), null);
            if (!recovered.previous().isEmpty()) {
                intake.recoverPrevious(recovered.round() - 1, recovered.previous());
            }
            for (ReceivedReport r : recovered.reports()) {
                intake.stored(r);
                book.file(r.seat(), r.report());
            }
            advance();
        }
    }

    private Behavior<Command> seat(String seat, SeatHolder holder) {
        seats.put(seat, holder);
        if (holder.bot() != null) {
            seatOfBot.put(holder.bot(), seat);
        }
        return this;
    }

    private boolean collecting() {
        return phase == Phase.COLLECTING || phase == Phase.CLOSING;
    }

    // ---- hosted agents ----

    private Behavior<Command> onRestart(Market.Restart restart) {
        if (restart.mechanism() != null) {
            mechanism = restart.mechanism();
        }
        session++;
        sessionSeeds = restart.agentSeeds();
        return this;
    }

    private Behavior<Command> onOpenRound(Market.OpenRound open) {
        String refusal = rules.selfDriven() ? "market " + rules.marketId() + " opens its own rounds"
                : phase == Phase.CLOSED ? "market " + rules.marketId() + " is closed"
                : mechanism == null ? "the market has no mechanism yet"
                : collecting() ? "round " + round + " is still collecting" : null;
        if (refusal != null) {
            open.replyTo().tell(new RoundFailed(open.round(), refusal, List.of(), Map.of()));
            return this;
        }
        startRound(open.round(), open.types(), open);
        return advance();
    }

    private Behavior<Command> onSubmitReport(Market.SubmitReport submit) {
        String agent = submit.agent();
        boolean expected = !rules.selfDriven() && collecting() && book.round() == submit.round() && book.expects(agent);
        if (!expected) {
            return this; // late, for another round, or not a hosted seat: a hosted agent has nobody to tell
        }
        if (!submit.report().agent().equals(agent)) {
            book.fail(agent, "invalid report: agent: the report is for '" + submit.report().agent() + "', not for seat '"
                    + agent + "'", rules.missPolicy(), mechanism.reportShape());
        } else {
            book.file(agent, submit.report()); // validated with the others when the round clears (Clearing)
        }
        return advance();
    }

    private Behavior<Command> onReportFailed(Market.ReportFailed failed) {
        if (collecting() && book.round() == failed.round() && book.expects(failed.agent()) && !book.settled(failed.agent())) {
            book.fail(failed.agent(), failed.reason(), rules.missPolicy(), mechanism.reportShape());
            return advance();
        }
        return this;
    }

    // ---- bots' seats ----

    private Behavior<Command> onJoin(Market.Join join) {
        String existing = seatOfBot.get(join.bot());
        String id = rules.marketId();
        if (existing != null) {
            join.replyTo().tell(new Market.Joined(existing, new ArrayList<>(seats.keySet()).indexOf(existing) + 1, true));
        } else if (!rules.selfDriven()) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "market " + id + " seats hosted agents only"));
        } else if (phase == Phase.CLOSED || phase == Phase.FINISHED) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "market " + id + " is " + phase.wire));
        } else if (seats.size() + joining.size() >= rules.seats()) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "market " + id + " is full (" + rules.seats() + " seats)"));
        } else if (joining.contains(join.bot())) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "a join of this bot is in progress; retry"));
        } else {
            int index = seats.size() + joining.size() + 1;
            String seat = id + "-s" + index;
            joining.add(join.bot());
            getContext().pipeToSelf(journal.seatTaken(id, seat, join.bot(), index),
                    (ok, error) -> new SeatWritten(seat, join.bot(), index, join.replyTo(), error));
        }
        return this;
    }

    private Behavior<Command> onSeatWritten(SeatWritten written) {
        joining.remove(written.bot());
        if (written.error() != null) {
            getContext().getLog().warn("market {}: a seat could not be stored", rules.marketId(), written.error());
            written.replyTo().tell(new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the seat could not be stored; retry"));
            return this;
        }
        seat(written.seat(), new SeatHolder(null, false, written.bot()));
        if (seats.size() == rules.seats() && phase == Phase.WAITING) {
            open(1); // before the answer, so that the last bot to join finds its round opening
        }
        written.replyTo().tell(new Market.Joined(written.seat(), written.index(), false));
        return this;
    }

    // ---- rounds ----

    /** Journals that a self-driven market's round {@code r} opens, then opens it. */
    private void open(int r) {
        phase = Phase.OPENING;
        getContext().pipeToSelf(journal.roundOpened(rules.marketId(), r), (ok, error) -> new Opened(r, error));
    }

    private Behavior<Command> onOpened(Opened opened) {
        if (phase != Phase.OPENING) {
            return this;
        }
        if (opened.error() != null) {
            getContext().getLog().error("market {}: round {} could not be journaled; retrying", rules.marketId(), opened.round(), opened.error());
            open(opened.round());
            return this;
        }
        startRound(opened.round(), drawTypes(opened.round()), null);
        return advance();
    }

    /** Each seat's private type in round {@code r} of a self-driven market, from its own seed. */
    private Map<String, Report> drawTypes(int r) {
        Map<String, Report> drawn = new LinkedHashMap<>();
        int i = 0;
        for (String seat : seats.keySet()) {
            SplittableRandom random = new SplittableRandom(rules.typeSeeds().seed(r, i));
            drawn.put(seat, mechanism.drawType(new TypeDraw(seat, i, r, rules.outcomes(), random))
                    .orElseGet(() -> rules.types().draw(seat, mechanism.reportShape(), rules.outcomes(), random)));
            i++;
        }
        return drawn;
    }

    /** Opens round {@code r} in memory (a self-driven market's is journaled already): invitations and the deadline. */
    private void startRound(int r, Map<String, Report> types, Market.OpenRound openedBy) {
        if (rules.selfDriven()) {
            // The last round's keys stay known, so that a bot retrying an acknowledged report just after its round
            // settled (its acknowledgement lost on the way) is told it was stored, not that it is late.
            intake.nextRound(round);
        }
        round = r;
        phase = Phase.COLLECTING;
        deadlinePassed = false;
        opener = openedBy;
        List<String> expected = new ArrayList<>(seats.size());
        for (String seat : seats.keySet()) {
            if (types.containsKey(seat)) {
                expected.add(seat);
            }
        }
        book = new RoundBook(r, expected, types);
        lastToReport.clear();
        for (String agent : expected) {
            SeatHolder seat = seats.get(agent);
            if (seat.ref() == null) {
                continue; // a bot asks for its round
            }
            if (rules.fullInformation() && seat.usesOthersReports()) {
                lastToReport.add(agent);
            } else {
                invite(agent, null);
            }
        }
        if (rules.deadline() != null) {
            deadline = Instant.now().plus(rules.deadline());
            timers.startSingleTimer(new DeadlinePassed(r), rules.deadline());
        }
        if (rules.selfDriven()) {
            publish(() -> listener.roundOpened(rules.marketId(), r, deadline, types));
            answerWaiting();
        }
    }

    private Behavior<Command> onAwaitRound(Market.AwaitRound await) {
        boolean ready = phase == Phase.COLLECTING && round > await.afterRound();
        if (ready || phase == Phase.FINISHED || phase == Phase.CLOSED) {
            await.replyTo().tell(view(await.seat()));
        } else {
            waiting.add(await);
        }
        return this;
    }

    private void answerWaiting() {
        for (Market.AwaitRound w : waiting) {
            w.replyTo().tell(view(w.seat()));
        }
        waiting.clear();
    }

    private Market.RoundView view(String seat) {
        boolean open = collecting();
        return new Market.RoundView(phase.wire, round, open ? deadline : null, open && seat != null ? book.type(seat) : null,
                seats.size(), seat != null && book != null && book.reported(seat));
    }

    /** Sends a hosted seat its invitation; {@code info} is what a full-information seat sees ({@code null} otherwise). */
    private void invite(String agent, FullInformation info) {
        RoundContext context = new RoundContext(mechanism.mechanismId(), book.round(), rules.outcomes(), rules.reference(),
                mechanism.reportShape(), List.of(), Optional.ofNullable(info));
        Long seed = sessionSeeds.get(agent);
        seats.get(agent).ref().tell(new Agent.RoundOpened(book.round(), book.type(agent), context, getContext().getSelf(),
                session, seed == null ? 0 : seed));
    }

    // ---- bots' reports ----

    private Behavior<Command> onSubmit(Market.Submit submit) {
        String seat = submit.seat();
        SeatHolder holder = seats.get(seat);
        if (holder == null || holder.bot() == null) {
            submit.replyTo().tell(new Refused(Reason.UNKNOWN_SEAT, "seat", "no seat '" + seat + "' in market " + rules.marketId()));
            return this;
        }
        if (intake.answerRetry(submit, round)) {
            return this;
        }
        Refused late = lateness(submit.round());
        if (late != null) {
            submit.replyTo().tell(late);
            return this;
        }
        try {
            mechanism.validate(submit.report().report(), rules.outcomes());
        } catch (InvalidInputException e) {
            // The field as the report's body names it (rewards[2], bid), so a bot finds it where it wrote it.
            submit.replyTo().tell(new Refused(Reason.INVALID_REPORT, e.field(), e.rule()));
            return this;
        } catch (PluginFailureException e) {
            submit.replyTo().tell(new Refused(Reason.INVALID_REPORT, "body", PublicReason.of(e.getMessage())));
            return this;
        }
        intake.queue(submit);
        if (everySeatIn()) {
            phase = Phase.CLOSING; // nothing more is taken in this round
        }
        flush();
        return this;
    }

    private Refused lateness(int r) {
        if (phase == Phase.COLLECTING && r == round) {
            return null;
        }
        if (phase == Phase.CLOSED || phase == Phase.FINISHED) {
            return new Refused(Reason.CONFLICT, "round", "market " + rules.marketId() + " is " + phase.wire);
        }
        if (r < round || (r == round && phase != Phase.COLLECTING)) {
            return new Refused(Reason.CONFLICT, "round", "round " + r + " no longer takes reports (its deadline passed or every seat reported)");
        }
        return new Refused(Reason.CONFLICT, "round", "round " + r + " is not open (current round: " + round + ", " + phase.wire + ")");
    }

    /** Whether every seat has a report stored or on its way. */
    private boolean everySeatIn() {
        int in = book.settledCount();
        for (String seat : intake.seatsPending()) {
            if (!book.settled(seat)) {
                in++;
            }
        }
        return in == book.seats().size();
    }

    private void flush() {
        List<ReportIntake.Pending> batch = intake.nextBatch();
        if (batch == null) {
            return;
        }
        List<ReceivedReport> reports = new ArrayList<>(batch.size());
        for (ReportIntake.Pending p : batch) {
            reports.add(p.submit().report());
        }
        getContext().pipeToSelf(journal.reportsReceived(rules.marketId(), round, reports),
                (stored, error) -> new Written(batch, stored, error));
    }

    private Behavior<Command> onWritten(Written written) {
        if (written.error() != null) {
            getContext().getLog().warn("market {}: {} reports could not be stored", rules.marketId(), written.batch().size(), written.error());
        }
        ReportIntake.Outcome outcome = intake.written(written.batch(), written.stored(), round, written.error());
        for (int i = 0; i < outcome.answers().size(); i++) {
            for (ActorRef<Market.SubmitReply> waiter : written.batch().get(i).waiters()) {
                waiter.tell(outcome.answers().get(i));
            }
        }
        if (!collecting()) {
            return this; // closed meanwhile: the stored reports count for nothing
        }
        for (ReceivedReport r : outcome.stored()) {
            book.file(r.seat(), r.report());
            publish(() -> listener.reportStored(rules.marketId(), round));
        }
        flush();
        if (intake.idle()) {
            if (deadlinePassed) {
                closeMissing();
                return this;
            }
            if (phase == Phase.CLOSING && !book.complete()) {
                phase = Phase.COLLECTING; // a write failed or was a stale retry: the round still takes reports
            }
        }
        return advance();
    }

    // ---- the deadline and clearing ----

    private Behavior<Command> onDeadlinePassed(DeadlinePassed passed) {
        if (passed.round() != round || !collecting()) {
            return this;
        }
        deadlinePassed = true;
        phase = Phase.CLOSING;
        if (intake.idle()) {
            closeMissing(); // otherwise when the write in flight is answered: a round clears only with journaled reports
        }
        return this;
    }

    /** Closes the round now: seats without a report get the miss policy, and the round clears. */
    private void closeMissing() {
        lastToReport.clear();
        book.closeMissing(rules.missPolicy(), mechanism.reportShape());
        advance();
    }

    /** Invites the next full-information seat when the others are in, or clears when every seat is settled. */
    private Behavior<Command> advance() {
        if (!collecting()) {
            return this;
        }
        String next = lastToReport.next(book);
        if (next != null) {
            invite(next, FullInformationView.of(mechanism, rules, book, next));
        } else if (lastToReport.isEmpty() && book.complete() && intake.idle()) {
            clear(); // never with a report still on its way into the journal: it would be acknowledged and not count
        }
        return this;
    }

    private void clear() {
        RoundBook done = book;
        Market.OpenRound openedBy = opener;
        phase = rules.selfDriven() ? Phase.CLEARING : Phase.WAITING;
        opener = null;
        if (rules.deadline() != null) {
            timers.cancel(new DeadlinePassed(done.round()));
        }
        Measure measure = openedBy != null ? openedBy.measure() : rules.measuresHonesty() ? Measure.HONESTY : Measure.NONE;
        if (rules.selfDriven() && lastClearingNanos >= QUICK_CLEARING_NANOS) {
            // A bot market's clearing may train a language model for seconds or minutes (em-dpo): it runs on the
            // blocking dispatcher, off the market's thread, and the market takes no reports meanwhile (phase
            // CLEARING). Only that task touches the mechanism until its result comes back as a message.
            GuardedMechanism m = mechanism;
            BigDecimal left = balance;
            java.util.concurrent.CompletableFuture<Timed> work = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> timed(m, done, measure, left), getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking()));
            getContext().pipeToSelf(work, (w, error) -> new ClearingDone(done, w, error));
            return;
        }
        // Hosted markets, and bot markets whose last clearing was quick: the two hand-offs would cost more than the
        // clearing (the lockstep speed of hosted experiments; thread wake-ups a loaded gateway pays per round). A bot
        // market whose clearing turns slow costs its own thread that once, then clears off it again.
        RoundEvent event;
        lastClearingNanos = Long.MAX_VALUE;
        try {
            Timed t = timed(mechanism, done, measure, balance);
            lastClearingNanos = t.nanos();
            event = cleared(done, t.work());
        } catch (PluginFailureException | InvalidInputException e) {
            event = new RoundFailed(done.round(), e.getMessage(), done.missed(), done.faults());
        }
        finish(done, openedBy, event);
    }

    /** The clearing's work and how long it took. */
    private record Timed(Work work, long nanos) {
    }

    private Timed timed(GuardedMechanism m, RoundBook done, Measure measure, BigDecimal left) {
        long start = System.nanoTime();
        Work work = work(m, done, measure, left);
        return new Timed(work, System.nanoTime() - start);
    }

    private Behavior<Command> onClearingDone(ClearingDone d) {
        if (phase != Phase.CLEARING) {
            return this; // closed while clearing: the round never settles, as a close during collecting leaves it
        }
        RoundEvent event;
        Throwable error = d.error() instanceof java.util.concurrent.CompletionException ? d.error().getCause() : d.error();
        lastClearingNanos = error == null ? d.work().nanos() : Long.MAX_VALUE;
        if (error == null) {
            event = cleared(d.round(), d.work().work());
        } else if (error instanceof PluginFailureException || error instanceof InvalidInputException) {
            event = new RoundFailed(d.round().round(), error.getMessage(), d.round().missed(), d.round().faults());
        } else {
            throw new IllegalStateException("market " + rules.marketId() + ": clearing round " + d.round().round() + " failed", error);
        }
        finish(d.round(), null, event);
        return this;
    }

    private void finish(RoundBook done, Market.OpenRound openedBy, RoundEvent event) {
        results.put(done.round(), event);
        while (results.size() > RESULTS_KEPT) {
            results.remove(results.keySet().iterator().next());
        }
        if (openedBy != null) {
            openedBy.replyTo().tell(event);
        }
        if (rules.selfDriven()) {
            SettledRound settled = settled(event, done);
            record(settled, rules.rounds() > 0 && round >= rules.rounds() ? 0 : round + 1);
        }
    }

    /** What a clearing computes, off the actor's state: the round's result and what the market receives. */
    private record Work(RoundCleared cleared, BigDecimal received, List<PreferencePair> preferences, String preferencesFailure) {
    }

    /**
     * Clears the round, checks the payments against the budget left, and lets the mechanism learn from the settled
     * round, in that order, so that a round the budget cannot pay leaves the mechanism's state as it was.
     */
    private Work work(GuardedMechanism m, RoundBook done, Measure measure, BigDecimal left) {
        RoundCleared cleared = Clearing.clear(m, rules, done, measure, !rules.selfDriven());
        BigDecimal received = Clearing.affordable(cleared.payments(), left);
        RoundRecord record = Clearing.record(done, rules, cleared);
        m.settle(record);
        if (!rules.selfDriven()) {
            return new Work(cleared, received, List.of(), null); // only a journaled market keeps a dataset
        }
        try {
            return new Work(cleared, received, m.preferences(record), null);
        } catch (PluginFailureException e) {
            // The round is settled: it stands, without its pairs in the dataset (the operator's log says why).
            return new Work(cleared, received, List.of(), e.getMessage());
        }
    }

    /** The actor's side of a settled clearing: the balance, the trainer and the agents' histories. */
    private RoundCleared cleared(RoundBook done, Work work) {
        RoundCleared cleared = work.cleared();
        pairs = work.preferences();
        if (work.preferencesFailure() != null) {
            getContext().getLog().error("market {}: round {} has no preference pairs in the dataset: {}", rules.marketId(), done.round(),
                    work.preferencesFailure());
        }
        if (balance != null) {
            balance = balance.add(work.received()); // only once the round is settled: a round that fails in settle costs nothing
        }
        if (trainer != null) {
            trainer.tell(new Trainer.Train(done.round(), cleared.result(), null));
        }
        if (rules.agentHistory()) {
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

    // ---- settling (self-driven markets) ----

    /** The round as the journal records it, with the mechanism's state after it. */
    private SettledRound settled(RoundEvent event, RoundBook done) {
        if (event instanceof RoundFailed failed) {
            // The journal and the bots get the reason without Java type names; the operator's log keeps all of it.
            getContext().getLog().warn("market {}: round {} failed: {}", rules.marketId(), failed.round(), failed.reason());
            return SettledRound.failed(failed.round(), PublicReason.of(failed.reason()));
        }
        return SettledRound.of((RoundCleared) event, done.seats(), seat -> seats.get(seat).bot(), snapshot(event.round()), pairs);
    }

    /** The mechanism's state after round {@code r}, which it has just settled. */
    private String snapshot(int r) {
        try {
            return mechanism.snapshot().orElse(null);
        } catch (RuntimeException e) {
            // Journaled as a marker: a restart must not quietly resume from an older state (MarketSharding refuses it).
            getContext().getLog().error("market {}: the mechanism's state after round {} could not be taken", rules.marketId(), r, e);
            return Market.SNAPSHOT_FAILED;
        }
    }

    private void record(SettledRound settled, int next) {
        getContext().pipeToSelf(journal.roundSettled(rules.marketId(), settled, next), (ok, error) -> new Settled(settled, next, error));
    }

    private Behavior<Command> onSettled(Settled settled) {
        if (phase == Phase.CLOSED) {
            return this;
        }
        if (settled.error() != null) {
            getContext().getLog().error("market {}: round {} could not be journaled; retrying", rules.marketId(), settled.round().round(), settled.error());
            record(settled.round(), settled.next());
            return this;
        }
        publish(() -> listener.roundSettled(rules.marketId(), settled.round()));
        if (settled.next() == 0) {
            phase = Phase.FINISHED;
            publish(() -> listener.marketEnded(rules.marketId(), "finished", round));
            answerWaiting();
            return this;
        }
        startRound(settled.next(), drawTypes(settled.next()), null);
        return advance();
    }

    /** Listeners only observe: one that throws is logged and the market goes on. */
    private void publish(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            getContext().getLog().warn("market {}: a listener failed", rules.marketId(), e);
        }
    }

    // ---- closing ----

    private Behavior<Command> onClose(Market.Close close) {
        if (journal == null) {
            return onClosedWritten(new ClosedWritten(close.replyTo(), null));
        }
        getContext().pipeToSelf(journal.marketClosed(rules.marketId()), (ok, error) -> new ClosedWritten(close.replyTo(), error));
        return this;
    }

    private Behavior<Command> onClosedWritten(ClosedWritten closed) {
        if (closed.error() != null) {
            getContext().getLog().warn("market {}: the close could not be stored", rules.marketId(), closed.error());
            closed.replyTo().tell(new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the market could not be closed; retry"));
            return this;
        }
        if (opener != null && collecting()) {
            opener.replyTo().tell(new RoundFailed(round, "market " + rules.marketId() + " closed", List.of(), Map.of()));
            opener = null;
        }
        phase = Phase.CLOSED;
        timers.cancelAll();
        intake.refuseQueued(new Refused(Reason.CONFLICT, "round", "market " + rules.marketId() + " closed"));
        answerWaiting();
        closed.replyTo().tell(new Market.Closed(round));
        publish(() -> listener.marketEnded(rules.marketId(), "closed", round));
        return this;
    }
}
