package io.agora.runtime.market;

import io.agora.runtime.market.Market.Acknowledged;
import io.agora.runtime.market.Market.Reason;
import io.agora.runtime.market.Market.Refused;
import io.agora.runtime.market.Market.Submit;
import io.agora.runtime.market.Market.SubmitReply;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal.Stored;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping of bots' reports on their way into the journal, for one market: which idempotency keys each seat has
 * used (this round and the one before), the reports waiting for the next write, and the one write in flight. Plain and
 * confined to its market actor; the actor does the I/O and the round.
 *
 * <p>A retry under a known key with the same body is a duplicate (acknowledged again, nothing changes); under a known
 * key with another body it is refused. A retry of a report still being written waits for that write's answer.
 */
final class ReportIntake {

    /** A report waiting for, or in, a write, with everyone waiting for its answer. */
    record Pending(Submit submit, List<ActorRef<SubmitReply>> waiters) {
    }

    /** What a written batch did: the answer to each pending report, and the reports now stored, in order. */
    record Outcome(List<SubmitReply> answers, List<ReceivedReport> stored) {
    }

    /** Stored reports of the current round: seat → idempotency key → body digest. */
    private final Map<String, Map<String, String>> keys = new HashMap<>();
    private Map<String, Map<String, String>> previousKeys = Map.of();
    private int previousRound;
    private final Map<String, Pending> pendingByKey = new HashMap<>();
    private List<Pending> pending = new ArrayList<>();
    private boolean writing;

    /** A new round starts: this round's keys become the previous round's. */
    void nextRound(int finishedRound) {
        previousKeys = new HashMap<>(keys);
        previousRound = finishedRound;
        keys.clear();
        pendingByKey.clear();
    }

    /** Remembers the stored reports of the round before the open one (a restart read them back). */
    void recoverPrevious(int round, List<ReceivedReport> reports) {
        Map<String, Map<String, String>> before = new HashMap<>();
        for (ReceivedReport r : reports) {
            before.computeIfAbsent(r.seat(), s -> new HashMap<>()).put(r.idempotencyKey(), r.bodyHash());
        }
        previousKeys = before;
        previousRound = round;
    }

    /** Remembers a report stored in the open round. */
    void stored(ReceivedReport r) {
        keys.computeIfAbsent(r.seat(), s -> new HashMap<>()).put(r.idempotencyKey(), r.bodyHash());
    }

    /**
     * Answers a retry: a report whose key this seat already used in {@code round} (or, for a retry of the round before,
     * in that round), or one still being written. Returns {@code true} when {@code submit} is answered or waits for a
     * write; {@code false} when it is a new report.
     */
    boolean answerRetry(Submit submit, int round) {
        ReceivedReport received = submit.report();
        String known = keys.getOrDefault(submit.seat(), Map.of()).get(received.idempotencyKey());
        Pending inFlight = pendingByKey.get(pendingKey(submit.seat(), received.idempotencyKey()));
        if (known != null || inFlight != null) {
            String hash = known != null ? known : inFlight.submit().report().bodyHash();
            if (!hash.equals(received.bodyHash())) {
                submit.replyTo().tell(reusedKey());
            } else if (known != null) {
                submit.replyTo().tell(new Acknowledged(round, true));
            } else {
                inFlight.waiters().add(submit.replyTo());
            }
            return true;
        }
        if (submit.round() == previousRound && previousRound > 0) {
            String stored = previousKeys.getOrDefault(submit.seat(), Map.of()).get(received.idempotencyKey());
            if (stored != null) {
                submit.replyTo().tell(stored.equals(received.bodyHash()) ? new Acknowledged(previousRound, true) : reusedKey());
                return true;
            }
        }
        return false;
    }

    /** Queues a new, valid report for the next write. */
    void queue(Submit submit) {
        Pending p = new Pending(submit, new ArrayList<>(List.of(submit.replyTo())));
        pending.add(p);
        pendingByKey.put(pendingKey(submit.seat(), submit.report().idempotencyKey()), p);
    }

    /** The seats with a report queued or in flight. */
    Set<String> seatsPending() {
        Set<String> in = new HashSet<>();
        for (Pending p : pendingByKey.values()) { // queued and in flight alike
            in.add(p.submit().seat());
        }
        return in;
    }

    /** Whether no write is in flight and none is queued. */
    boolean idle() {
        return !writing && pending.isEmpty();
    }

    /** The next batch to write, or {@code null} while a write is in flight or nothing waits. */
    List<Pending> nextBatch() {
        if (writing || pending.isEmpty()) {
            return null;
        }
        List<Pending> batch = pending;
        pending = new ArrayList<>();
        writing = true;
        return batch;
    }

    /**
     * A write ended: {@code stored} holds the journal's answer per report, or {@code error} why nothing was stored.
     * Returns the answers (in batch order) and the reports stored now.
     */
    Outcome written(List<Pending> batch, List<Stored> stored, int round, Throwable error) {
        writing = false;
        List<SubmitReply> answers = new ArrayList<>(batch.size());
        List<ReceivedReport> filed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ReceivedReport r = batch.get(i).submit().report();
            pendingByKey.remove(pendingKey(r.seat(), r.idempotencyKey()));
            if (error != null) {
                // The cause (a database message) goes to the log only; it names internals a bot has no use for.
                answers.add(new Refused(Reason.STORAGE_UNAVAILABLE, "storage", "the report was not stored; retry with the same Idempotency-Key"));
            } else if (stored.get(i).stored()) {
                stored(r);
                filed.add(r);
                answers.add(new Acknowledged(round, false));
            } else if (stored.get(i).storedBodyHash().equals(r.bodyHash())) {
                answers.add(new Acknowledged(stored.get(i).round(), true));
            } else {
                answers.add(reusedKey());
            }
        }
        return new Outcome(answers, filed);
    }

    /** Refuses every queued report (the market closed) and forgets them. */
    void refuseQueued(Refused refusal) {
        for (Pending p : pending) {
            p.waiters().forEach(w -> w.tell(refusal));
            pendingByKey.remove(pendingKey(p.submit().seat(), p.submit().report().idempotencyKey()));
        }
        pending.clear();
    }

    static Refused reusedKey() {
        return new Refused(Reason.CONFLICT, "Idempotency-Key", "this key was used for a different report");
    }

    private static String pendingKey(String seat, String key) {
        return seat + '\u0000' + key;
    }
}
