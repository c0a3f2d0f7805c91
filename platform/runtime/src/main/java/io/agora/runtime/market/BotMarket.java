package io.agora.runtime.market;

import io.agora.api.InvalidInputException;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal.Stored;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.system.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The host of a market that external bots play through the gateway: it seats bots, keeps the round deadline,
 * journals every report before acknowledging it, and drives a {@link Market} (its child) round after round.
 *
 * <p>Invariants: a report is acknowledged only once the {@link MarketJournal} holds it; a round clears only with
 * journaled reports (at the deadline it first waits for the write in flight); the next round opens only once the
 * settled round is journaled. Reports arriving while a write is in flight are batched into the next write, so
 * one market makes one durable write per batch, however many bots report at once.
 *
 * <p>Length: over 300 lines because seating, reporting, the deadline, settling and recovery share one actor's
 * state; it merges with {@link Market} into the one market actor of the next architecture step, which splits the
 * lifecycle into plain, unit-tested classes.
 */
public final class BotMarket extends AbstractBehavior<BotMarket.Command> {

    /** Everything a bot market accepts; the public messages may cross nodes (a market is a sharded entity). */
    public interface Command extends CborSerializable {
    }

    /** Seats {@code bot} (or answers with its seat when it already has one). */
    public record Join(String bot, ActorRef<JoinReply> replyTo) implements Command {
    }

    /** The answer to {@link Join}. */
    public sealed interface JoinReply extends CborSerializable permits Joined, Refused {
    }

    /** The bot holds {@code seat}; {@code again} when it already held it. */
    public record Joined(String seat, int index, boolean again) implements JoinReply {
    }

    /**
     * Asks for the round a seat may report in. Answers at once when a round after {@code afterRound} is collecting;
     * otherwise it waits until one opens (the asker bounds the wait with its ask timeout).
     */
    public record AwaitRound(String seat, int afterRound, ActorRef<RoundView> replyTo) implements Command {
    }

    /**
     * Asks for the market's own actor, so that a caller on the same cluster can send to it without the sharding hop
     * while it lives (it watches it, and falls back to the entity reference once it is gone).
     */
    public record Locate(ActorRef<ActorRef<Command>> replyTo) implements Command {
    }

    /** The state of the market from one seat's view. */
    public record GetView(String seat, ActorRef<RoundView> replyTo) implements Command {
    }

    /**
     * A seat's view of the market.
     *
     * @param phase    waiting-for-seats, collecting, clearing, finished or closed
     * @param round    the current round (0 before the first)
     * @param deadline when the collecting round closes, or {@code null}
     * @param type     the seat's private type in the current round, or {@code null}
     * @param seated   how many seats are taken
     * @param reported whether the seat has a stored report in the current round
     */
    public record RoundView(String phase, int round, Instant deadline, Report type, int seated, boolean reported)
            implements CborSerializable {
    }

    /** A report of {@code seat} for {@code round}; {@code report.agent()} must be the seat. */
    public record Submit(String seat, int round, ReceivedReport report, ActorRef<SubmitReply> replyTo) implements Command {
    }

    /** The answer to {@link Submit}. */
    public sealed interface SubmitReply extends CborSerializable permits Acknowledged, Refused {
    }

    /**
     * The report is stored.
     *
     * @param round     the round it counts for
     * @param duplicate whether this was a retry of a report stored before (nothing changed)
     */
    public record Acknowledged(int round, boolean duplicate) implements SubmitReply {
    }

    /** Why a command was refused; the gateway turns each into its HTTP status in one place. */
    public enum Reason {
        /** The seat does not exist in this market. */
        UNKNOWN_SEAT,
        /** The market's state does not allow it now: full, late, closed, a key reused for another report. */
        CONFLICT,
        /** The mechanism does not accept the report. */
        INVALID_REPORT,
        /** The journal could not store it; retrying may work. */
        STORAGE_UNAVAILABLE
    }

    /**
     * Nothing changed.
     *
     * @param reason  why, as a kind of failure
     * @param field   the request field at fault
     * @param message what rule was broken
     */
    public record Refused(Reason reason, String field, String message) implements SubmitReply, JoinReply, CloseReply {
    }

    /** Closes the market: the open round is abandoned; replies when the journal has recorded it. */
    public record Close(ActorRef<CloseReply> replyTo) implements Command {
    }

    /** The answer to {@link Close}. */
    public sealed interface CloseReply extends CborSerializable permits Closed, Refused {
    }

    /** The market is closed; {@code round} was the last round it opened. */
    public record Closed(int round) implements CloseReply {
    }

    /** What the market publishes (on the actor's thread: listeners must not block). */
    public interface Listener {
        /** A round opened; {@code types} are the seats' private types (for per-seat delivery only). */
        void roundOpened(String marketId, int round, Instant deadline, Map<String, Report> types);

        /** A round settled and is journaled. */
        void roundSettled(String marketId, SettledRound round);

        /** A report was stored. */
        void reportStored(String marketId, int round);

        /** The market opens no more rounds: {@code status} is {@code finished} or {@code closed}. */
        default void marketEnded(String marketId, String status, int round) {
        }
    }

    /**
     * What a restarted gateway read back from the journal.
     *
     * @param seats   seat → bot, in seat order
     * @param round   the open round (0 when none opened yet)
     * @param reports the stored reports of the open round, in arrival order
     * @param ended   {@code finished} or {@code closed} for a market that opens no more rounds; {@code null} otherwise
     * @param received the net payments the market took in over its settled rounds (negative when it paid out)
     * @param previous the stored reports of the round before the open one, so that a retry of one of them after the
     *                 restart is still answered as the duplicate it is
     */
    public record Recovered(Map<String, String> seats, int round, List<ReceivedReport> reports, String ended, double received,
                            List<ReceivedReport> previous) {

        /** Without the previous round's reports. */
        public Recovered(Map<String, String> seats, int round, List<ReceivedReport> reports, String ended, double received) {
            this(seats, round, reports, ended, received, List.of());
        }
    }

    private record Written(List<Pending> batch, List<Stored> stored, Throwable error) implements Command {
    }

    private record SeatWritten(String seat, String bot, int index, ActorRef<JoinReply> replyTo, Throwable error) implements Command {
    }

    private record Opened(int round, Throwable error) implements Command {
    }

    private record DeadlinePassed(int round) implements Command {
    }

    private record RoundEnded(Market.RoundEvent event) implements Command {
    }

    private record Settled(SettledRound round, int next, Throwable error) implements Command {
    }

    private record ClosedWritten(ActorRef<CloseReply> replyTo, Throwable error) implements Command {
    }

    private record Pending(Submit submit, List<ActorRef<SubmitReply>> waiters) {
    }

    private enum Phase {
        WAITING_FOR_SEATS("waiting-for-seats"), OPENING("opening"), COLLECTING("collecting"), CLOSING("collecting"),
        CLEARING("clearing"), FINISHED("finished"), CLOSED("closed");

        final String wire;

        Phase(String wire) {
            this.wire = wire;
        }
    }


    /** The state journaled for a round whose mechanism could not give its snapshot. */
    public static final String SNAPSHOT_FAILED = "\u0000snapshot-failed";

    /** Creates a new market, or resumes one from {@code recovered} (may be {@code null}). */
    public static Behavior<Command> create(BotMarketSpec spec, GuardedMechanism mechanism, MarketJournal journal,
                                           Listener listener, Recovered recovered) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            BotMarket market = new BotMarket(ctx, timers, spec, mechanism, journal, listener);
            // A market with a budget gets its balance before any round: the budget plus what it took in.
            if (spec.budget() != null) {
                market.market.tell(new Market.Fund(spec.budget() + (recovered == null ? 0 : recovered.received())));
            }
            if (recovered != null) {
                market.recover(recovered);
            }
            return market;
        }));
    }

    private final TimerScheduler<Command> timers;
    private final BotMarketSpec spec;
    private final GuardedMechanism mechanism;
    private final MarketJournal journal;
    private final Listener listener;
    private final ActorRef<Market.Command> market;
    private final ReportShape space;
    private final Map<String, String> seats = new LinkedHashMap<>();
    private final Map<String, String> seatOfBot = new HashMap<>();
    private final Set<String> joining = new HashSet<>();
    private Phase phase = Phase.WAITING_FOR_SEATS;
    private int round;
    private Instant deadline;
    private boolean deadlinePassed;
    private Map<String, Report> types = Map.of();
    /** Stored reports of the current round: seat → idempotency key → body digest. */
    private final Map<String, Map<String, String>> keys = new HashMap<>();
    /** The keys of the round before the current one, and its number (0: none). */
    private Map<String, Map<String, String>> previousKeys = Map.of();
    private int previousRound;
    private final Set<String> filed = new HashSet<>();
    private final Map<String, Pending> pendingByKey = new HashMap<>();
    private List<Pending> pending = new ArrayList<>();
    private boolean writing;
    private final List<AwaitRound> waiting = new ArrayList<>();

    private BotMarket(ActorContext<Command> ctx, TimerScheduler<Command> timers, BotMarketSpec spec, GuardedMechanism mechanism,
                      MarketJournal journal, Listener listener) {
        super(ctx);
        this.timers = timers;
        this.spec = spec;
        this.mechanism = mechanism;
        this.journal = journal;
        this.listener = listener;
        this.space = mechanism.reportShape();
        MarketSettings settings = new MarketSettings(spec.marketId(), spec.outcomes(), spec.reference(), null,
                spec.missPolicy(), false, false);
        this.market = ctx.spawn(Market.create(settings, mechanism), "market");
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Join.class, this::onJoin)
                .onMessage(SeatWritten.class, this::onSeatWritten)
                .onMessage(Opened.class, this::onOpened)
                .onMessage(AwaitRound.class, this::onAwaitRound)
                .onMessage(Locate.class, l -> {
                    l.replyTo().tell(getContext().getSelf());
                    return this;
                })
                .onMessage(GetView.class, g -> {
                    g.replyTo().tell(view(g.seat()));
                    return this;
                })
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(Written.class, this::onWritten)
                .onMessage(DeadlinePassed.class, this::onDeadlinePassed)
                .onMessage(RoundEnded.class, this::onRoundEnded)
                .onMessage(Settled.class, this::onSettled)
                .onMessage(Close.class, this::onClose)
                .onMessage(ClosedWritten.class, this::onClosedWritten)
                .build();
    }

    private void recover(Recovered recovered) {
        recovered.seats().forEach(this::seat);
        if (recovered.ended() != null) {
            round = recovered.round();
            phase = "closed".equals(recovered.ended()) ? Phase.CLOSED : Phase.FINISHED;
            return;
        }
        if (recovered.round() == 0) {
            if (seats.size() == spec.seats()) {
                open(1);
            }
            return;
        }
        startRound(recovered.round());
        if (!recovered.previous().isEmpty()) {
            Map<String, Map<String, String>> before = new HashMap<>();
            for (ReceivedReport r : recovered.previous()) {
                before.computeIfAbsent(r.seat(), s -> new HashMap<>()).put(r.idempotencyKey(), r.bodyHash());
            }
            previousKeys = before;
            previousRound = recovered.round() - 1;
        }
        for (ReceivedReport r : recovered.reports()) {
            keys.computeIfAbsent(r.seat(), s -> new HashMap<>()).put(r.idempotencyKey(), r.bodyHash());
            file(r);
        }
        if (filed.size() == seats.size()) {
            phase = Phase.CLEARING;
        }
    }

    private void seat(String seat, String bot) {
        seats.put(seat, bot);
        seatOfBot.put(bot, seat);
        market.tell(new Market.Seat(seat, getContext().getSystem().ignoreRef(), false));
    }

    // ---- seats ----

    private Behavior<Command> onJoin(Join join) {
        String existing = seatOfBot.get(join.bot());
        if (existing != null) {
            join.replyTo().tell(new Joined(existing, indexOf(existing), true));
        } else if (phase == Phase.CLOSED || phase == Phase.FINISHED) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "market " + spec.marketId() + " is " + phase.wire));
        } else if (seats.size() + joining.size() >= spec.seats()) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "market " + spec.marketId() + " is full (" + spec.seats() + " seats)"));
        } else if (joining.contains(join.bot())) {
            join.replyTo().tell(new Refused(Reason.CONFLICT, "marketId", "a join of this bot is in progress; retry"));
        } else {
            int index = seats.size() + joining.size() + 1;
            String seat = spec.marketId() + "-s" + index;
            joining.add(join.bot());
            getContext().pipeToSelf(journal.seatTaken(spec.marketId(), seat, join.bot(), index),
                    (ok, error) -> new SeatWritten(seat, join.bot(), index, join.replyTo(), error));
        }
        return this;
    }

    private int indexOf(String seat) {
        return new ArrayList<>(seats.keySet()).indexOf(seat) + 1;
    }

    private Behavior<Command> onSeatWritten(SeatWritten written) {
        joining.remove(written.bot());
        if (written.error() != null) {
            getContext().getLog().warn("market {}: a seat could not be stored", spec.marketId(), written.error());
            written.replyTo().tell(new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the seat could not be stored; retry"));
            return this;
        }
        seat(written.seat(), written.bot());
        written.replyTo().tell(new Joined(written.seat(), written.index(), false));
        if (seats.size() == spec.seats() && phase == Phase.WAITING_FOR_SEATS) {
            open(1);
        }
        return this;
    }

    // ---- rounds ----

    private void open(int r) {
        phase = Phase.OPENING;
        getContext().pipeToSelf(journal.roundOpened(spec.marketId(), r), (ok, error) -> new Opened(r, error));
    }

    private Behavior<Command> onOpened(Opened opened) {
        if (phase != Phase.OPENING) {
            return this;
        }
        if (opened.error() != null) {
            getContext().getLog().error("market {}: round {} could not be journaled; retrying", spec.marketId(), opened.round(), opened.error());
            open(opened.round());
            return this;
        }
        startRound(opened.round());
        return this;
    }

    /** Opens round {@code r} in memory (it is journaled already): draws types, starts the Market's round and the deadline. */
    private void startRound(int r) {
        // The last round's keys stay known, so that a bot retrying an acknowledged report just after its round
        // settled (its acknowledgement lost on the way) is told it was stored, not that it is late.
        previousKeys = new HashMap<>(keys);
        previousRound = round;
        round = r;
        phase = Phase.COLLECTING;
        deadlinePassed = false;
        keys.clear();
        filed.clear();
        pendingByKey.clear();
        Map<String, Report> drawn = new LinkedHashMap<>();
        int i = 0;
        for (String seat : seats.keySet()) {
            drawn.put(seat, spec.types().draw(seat, space, spec.outcomes(), new SplittableRandom(spec.typeSeeds().seed(r, i++))));
        }
        types = drawn;
        deadline = Instant.now().plus(spec.deadline());
        ActorRef<Market.RoundEvent> ended = getContext().messageAdapter(Market.RoundEvent.class, RoundEnded::new);
        market.tell(new Market.OpenRound(r, drawn, Measure.NONE, ended));
        timers.startSingleTimer(new DeadlinePassed(r), spec.deadline());
        publish(() -> listener.roundOpened(spec.marketId(), r, deadline, drawn));
        for (AwaitRound w : waiting) {
            w.replyTo().tell(view(w.seat()));
        }
        waiting.clear();
    }

    private Behavior<Command> onAwaitRound(AwaitRound await) {
        boolean ready = phase == Phase.COLLECTING && round > await.afterRound();
        if (ready || phase == Phase.FINISHED || phase == Phase.CLOSED) {
            await.replyTo().tell(view(await.seat()));
        } else {
            waiting.add(await);
        }
        return this;
    }

    private RoundView view(String seat) {
        boolean open = phase == Phase.COLLECTING || phase == Phase.CLOSING;
        return new RoundView(phase.wire, round, open ? deadline : null, open && seat != null ? types.get(seat) : null,
                seats.size(), seat != null && filed.contains(seat));
    }

    // ---- reports ----

    private Behavior<Command> onSubmit(Submit submit) {
        ReceivedReport received = submit.report();
        String seat = submit.seat();
        if (!seats.containsKey(seat)) {
            submit.replyTo().tell(new Refused(Reason.UNKNOWN_SEAT, "seat", "no seat '" + seat + "' in market " + spec.marketId()));
            return this;
        }
        Map<String, String> seatKeys = keys.get(seat);
        String known = seatKeys == null ? null : seatKeys.get(received.idempotencyKey());
        Pending inFlight = pendingByKey.get(seat + '\u0000' + received.idempotencyKey());
        if (known != null || inFlight != null) {
            String hash = known != null ? known : inFlight.submit().report().bodyHash();
            if (!hash.equals(received.bodyHash())) {
                submit.replyTo().tell(reusedKey());
            } else if (known != null) {
                submit.replyTo().tell(new Acknowledged(round, true));
            } else {
                inFlight.waiters().add(submit.replyTo());
            }
            return this;
        }
        if (submit.round() == previousRound && previousRound > 0) {
            String stored = previousKeys.getOrDefault(seat, Map.of()).get(received.idempotencyKey());
            if (stored != null) {
                submit.replyTo().tell(stored.equals(received.bodyHash()) ? new Acknowledged(previousRound, true) : reusedKey());
                return this;
            }
        }
        Refused late = lateness(submit.round());
        if (late != null) {
            submit.replyTo().tell(late);
            return this;
        }
        try {
            mechanism.validate(received.report(), spec.outcomes());
        } catch (InvalidInputException e) {
            // The field as the report's body names it (rewards[2], bid), so a bot finds it where it wrote it.
            submit.replyTo().tell(new Refused(Reason.INVALID_REPORT, e.field(), e.rule()));
            return this;
        } catch (PluginFailureException e) {
            submit.replyTo().tell(new Refused(Reason.INVALID_REPORT, "body", PublicReason.of(e.getMessage())));
            return this;
        }
        Pending p = new Pending(submit, new ArrayList<>(List.of(submit.replyTo())));
        pending.add(p);
        pendingByKey.put(seat + '\u0000' + received.idempotencyKey(), p);
        if (everySeatIn()) {
            phase = Phase.CLOSING;
        }
        flush();
        return this;
    }

    private static Refused reusedKey() {
        return new Refused(Reason.CONFLICT, "Idempotency-Key", "this key was used for a different report");
    }

    private Refused lateness(int r) {
        if (phase == Phase.COLLECTING && r == round) {
            return null;
        }
        if (phase == Phase.CLOSED || phase == Phase.FINISHED) {
            return new Refused(Reason.CONFLICT, "round", "market " + spec.marketId() + " is " + phase.wire);
        }
        if (r < round || (r == round && phase != Phase.COLLECTING)) {
            return new Refused(Reason.CONFLICT, "round", "round " + r + " no longer takes reports (its deadline passed or every seat reported)");
        }
        return new Refused(Reason.CONFLICT, "round", "round " + r + " is not open (current round: " + round + ", " + phase.wire + ")");
    }

    /** Whether every seat has a report stored or on its way. */
    private boolean everySeatIn() {
        Set<String> in = new HashSet<>(filed);
        for (Pending p : pending) {
            in.add(p.submit().seat());
        }
        return in.size() == seats.size();
    }

    private void flush() {
        if (writing || pending.isEmpty()) {
            return;
        }
        List<Pending> batch = pending;
        pending = new ArrayList<>();
        writing = true;
        List<ReceivedReport> reports = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            reports.add(p.submit().report());
        }
        getContext().pipeToSelf(journal.reportsReceived(spec.marketId(), round, reports),
                (stored, error) -> new Written(batch, stored, error));
    }

    private Behavior<Command> onWritten(Written written) {
        writing = false;
        List<Pending> batch = written.batch();
        if (written.error() != null) {
            getContext().getLog().warn("market {}: {} reports could not be stored", spec.marketId(), batch.size(), written.error());
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            ReceivedReport r = p.submit().report();
            pendingByKey.remove(p.submit().seat() + '\u0000' + r.idempotencyKey());
            SubmitReply reply;
            if (written.error() != null) {
                // The cause (a database message) goes to the log only; it names internals a bot has no use for.
                reply = new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the report was not stored; retry with the same Idempotency-Key");
            } else {
                Stored stored = written.stored().get(i);
                if (stored.stored()) {
                    keys.computeIfAbsent(r.seat(), s -> new HashMap<>()).put(r.idempotencyKey(), r.bodyHash());
                    file(r);
                    publish(() -> listener.reportStored(spec.marketId(), round));
                    reply = new Acknowledged(round, false);
                } else if (stored.storedBodyHash().equals(r.bodyHash())) {
                    reply = new Acknowledged(stored.round(), true);
                } else {
                    reply = reusedKey();
                }
            }
            for (ActorRef<SubmitReply> waiter : p.waiters()) {
                waiter.tell(reply);
            }
        }
        if (!pending.isEmpty()) {
            flush();
            return this;
        }
        if (phase == Phase.CLOSING) {
            if (filed.size() == seats.size()) {
                phase = Phase.CLEARING; // the Market clears by itself once every seat has filed
            } else if (deadlinePassed) {
                closeNow();
            } else {
                phase = Phase.COLLECTING; // a write failed or was a stale retry: the round still takes reports
            }
        }
        return this;
    }

    private void file(ReceivedReport r) {
        filed.add(r.seat());
        market.tell(new Market.SubmitReport(r.seat(), round, r.report(), null));
    }

    private Behavior<Command> onDeadlinePassed(DeadlinePassed passed) {
        if (passed.round() != round || (phase != Phase.COLLECTING && phase != Phase.CLOSING)) {
            return this;
        }
        deadlinePassed = true;
        phase = Phase.CLOSING;
        if (!writing && pending.isEmpty()) {
            closeNow();
        }
        return this;
    }

    private void closeNow() {
        phase = Phase.CLEARING;
        market.tell(new Market.CloseRound(round));
    }

    private Behavior<Command> onRoundEnded(RoundEnded ended) {
        if (phase == Phase.CLOSED || ended.event().round() != round) {
            return this;
        }
        phase = Phase.CLEARING;
        timers.cancel(new DeadlinePassed(round));
        SettledRound settled = settled(ended.event());
        int next = spec.rounds() > 0 && round >= spec.rounds() ? 0 : round + 1;
        record(settled, next);
        return this;
    }

    private void record(SettledRound settled, int next) {
        getContext().pipeToSelf(journal.roundSettled(spec.marketId(), settled, next), (ok, error) -> new Settled(settled, next, error));
    }

    private SettledRound settled(Market.RoundEvent event) {
        if (event instanceof Market.RoundFailed failed) {
            // The journal and the bots get the reason without Java type names; the operator's log keeps all of it.
            getContext().getLog().warn("market {}: round {} failed: {}", spec.marketId(), failed.round(), failed.reason());
            return new SettledRound(failed.round(), null, PublicReason.of(failed.reason()), List.of(), null);
        }
        Market.RoundCleared cleared = (Market.RoundCleared) event;
        List<SettledRound.SeatResult> results = new ArrayList<>();
        Set<String> missed = new HashSet<>(cleared.missed());
        missed.addAll(cleared.faults().keySet());
        int i = 0;
        for (String seat : types.keySet()) {
            results.add(new SettledRound.SeatResult(seat, seats.get(seat), missed.contains(seat), cleared.values()[i], cleared.payments()[i]));
            i++;
        }
        Policy policy = cleared.result().policy();
        return new SettledRound(cleared.round(), policy.probabilities(), null, results, snapshot(cleared.round()));
    }

    /** The mechanism's state after round {@code r}: the Market child settled it before it answered. */
    private String snapshot(int r) {
        try {
            return mechanism.snapshot().orElse(null);
        } catch (RuntimeException e) {
            // Journaled as a marker: a restart must not quietly resume from an older state (see MarketService.resume).
            getContext().getLog().error("market {}: the mechanism's state after round {} could not be taken", spec.marketId(), r, e);
            return SNAPSHOT_FAILED;
        }
    }

    private Behavior<Command> onSettled(Settled settled) {
        if (phase == Phase.CLOSED) {
            return this;
        }
        if (settled.error() != null) {
            getContext().getLog().error("market {}: round {} could not be journaled; retrying", spec.marketId(), settled.round().round(), settled.error());
            record(settled.round(), settled.next());
            return this;
        }
        publish(() -> listener.roundSettled(spec.marketId(), settled.round()));
        if (settled.next() == 0) {
            phase = Phase.FINISHED;
            publish(() -> listener.marketEnded(spec.marketId(), "finished", round));
            for (AwaitRound w : waiting) {
                w.replyTo().tell(view(w.seat()));
            }
            waiting.clear();
        } else {
            startRound(settled.next());
        }
        return this;
    }

    /** Listeners only observe: one that throws is logged and the market goes on. */
    private void publish(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            getContext().getLog().warn("market {}: a listener failed", spec.marketId(), e);
        }
    }

    // ---- closing ----

    private Behavior<Command> onClose(Close close) {
        getContext().pipeToSelf(journal.marketClosed(spec.marketId()), (ok, error) -> new ClosedWritten(close.replyTo(), error));
        return this;
    }

    private Behavior<Command> onClosedWritten(ClosedWritten closed) {
        if (closed.error() != null) {
            getContext().getLog().warn("market {}: the close could not be stored", spec.marketId(), closed.error());
            closed.replyTo().tell(new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the market could not be closed; retry"));
            return this;
        }
        phase = Phase.CLOSED;
        timers.cancelAll();
        for (Pending p : pending) {
            p.waiters().forEach(w -> w.tell(new Refused(Reason.CONFLICT, "round", "market " + spec.marketId() + " closed")));
        }
        pending.clear();
        for (AwaitRound w : waiting) {
            w.replyTo().tell(view(w.seat()));
        }
        waiting.clear();
        closed.replyTo().tell(new Closed(round));
        publish(() -> listener.marketEnded(spec.marketId(), "closed", round));
        return this;
    }
}
