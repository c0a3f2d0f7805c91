package io.agora.runtime.market;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.agora.api.Report;
import io.agora.api.RoundResult;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.system.CborSerializable;
import io.agora.runtime.trainer.Trainer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One market: the only actor that runs rounds, for external bots and for hosted agents alike. It seats agents, runs
 * the round lifecycle (open → collecting → clearing → settled), owns the mechanism instance and is the only writer of
 * its state. This class is the market's protocol and its factory; {@link MarketActor} is its behaviour.
 *
 * <p>A round opens with each seat's private type. Seats report; the round clears as soon as every seat has reported
 * (lockstep, no waiting), or when the deadline passes, in which case the seats that did not report get the
 * {@link MissPolicy} and are listed as missed. A mechanism that fails fails the round ({@link RoundFailed}); the
 * market stays open for the next round.
 *
 * <p>A <em>self-driven</em> market ({@link MarketRules#selfDriven()}, the gateway's, a Cluster Sharding entity through
 * {@link MarketSharding}) seats bots, draws their types, and opens round after round. Its invariants: a report is
 * acknowledged only once the {@link MarketJournal} holds it; a round clears only with journaled reports (at the
 * deadline it first waits for the write in flight); the next round opens only once the settled round is journaled.
 * Reports arriving while a write is in flight go into the next write together.
 *
 * <p>A <em>host-driven</em> market (hosted experiments) is seated with hosted {@link Agent}s and opened round by round
 * by its host ({@link OpenRound}); nothing is journaled, so it runs in lockstep at memory speed. Under full
 * information, seats whose strategy reads the others' reports are asked last, one at a time, and see the reports filed
 * so far (the true type for a seat still to report). A strategy that fails is recorded as a fault, like a miss.
 *
 * <p>Length: just over 300 lines, nearly all the protocol's small records, kept in one place so that every message a
 * market takes or sends can be read together.
 */
public final class Market {
    private Market() {
    }

    /** Everything a market accepts. Commands may cross nodes unless marked local-only. */
    public interface Command extends CborSerializable {
    }

    /** Creates a market; {@code recovered} (may be {@code null}) is what a self-driven market resumes from. */
    public static Behavior<Command> create(MarketRules rules, GuardedMechanism mechanism, MarketJournal journal,
                                           Listener listener, Recovered recovered) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new MarketActor(ctx, timers, rules, mechanism, journal, listener, recovered)));
    }

    /** Creates a host-driven market of hosted agents with its first mechanism ({@code null} until a {@link Restart}). */
    public static Behavior<Command> hosted(MarketRules rules, GuardedMechanism mechanism) {
        return create(rules, mechanism, null, Listener.NONE, null);
    }

    // ---- hosted agents (host-driven markets) ----

    /**
     * Seats a hosted agent.
     *
     * @param agent             the seat's id, unique in the market
     * @param ref               where round invitations go
     * @param usesOthersReports whether the seat's strategy reads the others' reports (asked last)
     */
    public record Seat(String agent, ActorRef<Agent.Command> ref, boolean usesOthersReports) implements Command {
    }

    /**
     * Local-only. Starts a new session (each sample of an experiment is a fresh market): from the next round on, the
     * mechanism instance is {@code mechanism} and every hosted agent restarts its strategy with its seed in
     * {@code agentSeeds} and an empty history.
     */
    public record Restart(GuardedMechanism mechanism, Map<String, Long> agentSeeds) implements Command {
    }

    /** Local-only. Replaces the mechanism instance between rounds (finite-menu experiments build a menu per round). */
    public record ReplaceMechanism(GuardedMechanism mechanism) implements Command {
    }

    /** Attaches the trainer that fine-tunes this market's policy: it trains on every round that clears. */
    public record AttachTrainer(ActorRef<Trainer.Command> trainer) implements Command {
    }

    /**
     * Opens a round of a host-driven market (a self-driven market opens its own).
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
     * A hosted agent's report; resubmitting before the round closes replaces it. Not answered: an invalid one becomes a
     * fault of its seat (the miss policy fills it in).
     */
    public record SubmitReport(String agent, int round, Report report) implements Command {
    }

    /** A hosted seat's strategy failed to report; the miss policy applies and the fault is recorded. */
    public record ReportFailed(String agent, int round, String reason) implements Command {
    }

    // ---- bots (self-driven markets) ----

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

    /** The state of the market from one seat's view ({@code seat} may be {@code null}: nobody's). */
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

    /**
     * Asks for the market's own actor, so that a caller on the same cluster can send to it without the sharding hop
     * while it lives (it watches it, and falls back to the entity reference once it is gone).
     */
    public record Locate(ActorRef<ActorRef<Command>> replyTo) implements Command {
    }

    /** A bot's report of {@code seat} for {@code round}; {@code report.report().agent()} must be the seat. */
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

    /** Closes the market: the open round is abandoned; replies when the journal has recorded it. */
    public record Close(ActorRef<CloseReply> replyTo) implements Command {
    }

    /** The answer to {@link Close}. */
    public sealed interface CloseReply extends CborSerializable permits Closed, Refused {
    }

    /** The market is closed; {@code round} was the last round it opened. */
    public record Closed(int round) implements CloseReply {
    }

    /** Why a command was refused: a kind of failure, not a status code (the gateway maps each in one place). */
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

    // ---- outcomes ----

    /** Asks for the outcome of a settled round (one of the last {@value MarketActor#RESULTS_KEPT}). */
    public record GetResult(int round, ActorRef<Result> replyTo) implements Command {
    }

    /** The outcome of a round: {@code event} is {@code null} when the round is unknown or no longer kept. */
    public record Result(int round, RoundEvent event) implements CborSerializable {
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
     * @param round        the round number
     * @param reports      the reports the mechanism cleared, in seat order
     * @param result       the mechanism's result
     * @param values       each seat's value under its true type, in seat order
     * @param payments     each seat's payment (0 for an abstaining seat), in seat order
     * @param baseValues   values when every seat is truthful, or {@code null} when not measured
     * @param basePayments payments when every seat is truthful, or {@code null}
     * @param audits       per requested audit label, the audited seat whose best misreport gained most, with it
     * @param missed       seats that missed the deadline
     * @param faults       seats whose strategy failed, with the reason
     * @param honestyGaps  each seat's honesty gap in seat order (NaN for a seat without a report of its own, or one the
     *                     mechanism could not clear truthfully), or {@code null} when not measured
     */
    public record RoundCleared(int round, List<Report> reports, RoundResult result, double[] values, double[] payments,
                               double[] baseValues, double[] basePayments, Map<String, AuditFinding> audits,
                               List<String> missed, Map<String, String> faults, double[] honestyGaps) implements RoundEvent {
    }

    /**
     * What an incentive audit of some seats found: the seat whose best misreport gained most over its truthful report,
     * the misreport and its family.
     *
     * @param seat      the seat
     * @param gain      its utility with the misreport minus its truthful utility (≤ 0: nothing found that pays)
     * @param family    the misreport family the search started from (alpha-scaling, shade-bid, random, ...)
     * @param misreport the best report found
     * @param truth     the seat's true type (its truthful report)
     */
    public record AuditFinding(String seat, double gain, String family, Report misreport, Report truth) implements CborSerializable {
    }

    /** A round could not clear; {@code reason} names the plugin and the cause. */
    public record RoundFailed(int round, String reason, List<String> missed, Map<String, String> faults) implements RoundEvent {
    }

    /** What a market publishes (on the actor's thread: listeners must not block). */
    public interface Listener {
        /** Hears nothing (host-driven markets). */
        Listener NONE = new Listener() {
        };

        /** A round opened; {@code types} are the seats' private types (for per-seat delivery only). */
        default void roundOpened(String marketId, int round, Instant deadline, Map<String, Report> types) {
        }

        /** A round settled and is journaled. */
        default void roundSettled(String marketId, SettledRound round) {
        }

        /** A report was stored. */
        default void reportStored(String marketId, int round) {
        }

        /** The market opens no more rounds: {@code status} is {@code finished} or {@code closed}. */
        default void marketEnded(String marketId, String status, int round) {
        }
    }

    /**
     * What a self-driven market resumes from, as its journal holds it.
     *
     * @param seats    seat → bot, in seat order
     * @param round    the open round (0 when none opened yet)
     * @param reports  the stored reports of the open round, in arrival order
     * @param ended    {@code finished} or {@code closed} for a market that opens no more rounds; {@code null} otherwise
     * @param received the net payments the market took in over its settled rounds (negative when it paid out), exactly as
     *                 its ledger sums them
     * @param previous the stored reports of the round before the open one, so that a retry of one of them after the
     *                 restart is still answered as the duplicate it is
     */
    public record Recovered(Map<String, String> seats, int round, List<ReceivedReport> reports, String ended,
                            BigDecimal received, List<ReceivedReport> previous) {

        /** Without the previous round's reports. */
        public Recovered(Map<String, String> seats, int round, List<ReceivedReport> reports, String ended, double received) {
            this(seats, round, reports, ended, BigDecimal.valueOf(received), List.of());
        }
    }

    /** The state journaled for a round whose mechanism could not give its snapshot. */
    public static final String SNAPSHOT_FAILED = "\u0000snapshot-failed";
}
