package io.agora.runtime.market;

import io.agora.api.Report;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a self-driven {@link Market} makes its facts durable (the gateway keeps them in PostgreSQL). Every method
 * completes only once what it records survives a crash; a failed stage means nothing of that call was recorded.
 * Methods may be called from any thread and must not block; stages may complete on any thread.
 */
public interface MarketJournal {

    /** A seat was taken by {@code bot}. */
    CompletionStage<Void> seatTaken(String marketId, String seat, String bot, int index);

    /** Round {@code round} opened (the first round; later rounds open with {@link #roundSettled}). */
    CompletionStage<Void> roundOpened(String marketId, int round);

    /**
     * Stores reports of one round in one write, in order (a later report of the same seat replaces the earlier).
     *
     * @return one answer per report, in order: whether it was stored, or whether its seat had already used its
     * idempotency key, and for which round and body
     */
    CompletionStage<List<Stored>> reportsReceived(String marketId, int round, List<ReceivedReport> reports);

    /** Stores a settled round (results and ledger) and, in the same transaction, opens {@code nextRound} (0: none). */
    CompletionStage<Void> roundSettled(String marketId, SettledRound round, int nextRound);

    /** The market closed; its open round, if any, is abandoned. */
    CompletionStage<Void> marketClosed(String marketId);

    /**
     * A report as it arrived.
     *
     * @param seat           the seat
     * @param idempotencyKey the submitter's key, unique per seat
     * @param bodyHash       a digest of the request body, to tell a retry from a different report under a reused key
     * @param body           the request body as received (what a resumed market parses again)
     * @param report         the parsed report
     */
    record ReceivedReport(String seat, String idempotencyKey, String bodyHash, String body, Report report) {
    }

    /**
     * The answer for one report.
     *
     * @param stored         whether it was stored now
     * @param round          the round of the stored report with this key (this round when {@code stored})
     * @param storedBodyHash the body digest stored under this key
     */
    record Stored(boolean stored, int round, String storedBodyHash) {
    }
}
