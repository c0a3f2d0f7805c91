package io.agora.runtime.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A journal in memory, for tests: records every call; keys are unique per seat as in the gateway's table. */
final class MemoryJournal implements MarketJournal {
    final List<String> seats = new CopyOnWriteArrayList<>();
    final List<ReceivedReport> reports = new CopyOnWriteArrayList<>();
    final List<SettledRound> settled = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> keys = new HashMap<>();
    volatile boolean closed;

    @Override
    public CompletionStage<Void> seatTaken(String marketId, String seat, String bot, int index) {
        seats.add(seat + "=" + bot);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> roundOpened(String marketId, int round) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<List<Stored>> reportsReceived(String marketId, int round, List<ReceivedReport> batch) {
        List<Stored> out = new ArrayList<>();
        for (ReceivedReport r : batch) {
            Stored before = keys.get(r.seat() + "/" + r.idempotencyKey());
            if (before != null) {
                out.add(new Stored(false, before.round(), before.storedBodyHash()));
            } else {
                keys.put(r.seat() + "/" + r.idempotencyKey(), new Stored(true, round, r.bodyHash()));
                reports.add(r);
                out.add(new Stored(true, round, r.bodyHash()));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletionStage<Void> roundSettled(String marketId, SettledRound round, int nextRound) {
        settled.add(round);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> marketClosed(String marketId) {
        closed = true;
        return CompletableFuture.completedFuture(null);
    }
}
