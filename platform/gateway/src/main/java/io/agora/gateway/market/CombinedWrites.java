package io.agora.gateway.market;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One writer shared by every market: while a write is in flight, the items that arrive wait, and the next write takes
 * all of them, so PostgreSQL commits once for many markets instead of once per market. Under light load a write
 * carries one item and starts at once; under heavy load the writes grow instead of queueing up. One write holds at
 * most one item per market (the key): a market's items are written in the order they came.
 *
 * @param <T> an item; the write completes each item's own answer, also when it fails
 */
final class CombinedWrites<T> {
    private final Function<T, String> market;
    private final Function<List<T>, CompletionStage<?>> write;
    private List<T> waiting = new ArrayList<>();
    private boolean writing;

    /**
     * @param market the market an item belongs to
     * @param write  writes items together and answers each of them; its stage completes once all are answered
     */
    CombinedWrites(Function<T, String> market, Function<List<T>, CompletionStage<?>> write) {
        this.market = market;
        this.write = write;
    }

    /** Queues {@code item}: written at once when no write is in flight, else with the next write. */
    void add(T item) {
        boolean start;
        synchronized (this) {
            waiting.add(item);
            start = !writing;
            writing = true;
        }
        if (start) {
            writeWaiting();
        }
    }

    private void writeWaiting() {
        List<T> items;
        synchronized (this) {
            items = next();
            if (items.isEmpty()) {
                writing = false;
                return;
            }
        }
        CompletionStage<?> written;
        try {
            written = write.apply(items);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e); // a write that throws must not stop the queue for every market
        }
        written.whenComplete((ignored, error) -> writeWaiting());
    }

    /** The waiting items of distinct markets, in arrival order; a market's later items stay for the next write. */
    private List<T> next() {
        List<T> items = new ArrayList<>(waiting.size());
        Set<String> markets = new HashSet<>();
        for (Iterator<T> it = waiting.iterator(); it.hasNext(); ) {
            T item = it.next();
            if (markets.add(market.apply(item))) {
                items.add(item);
                it.remove();
            }
        }
        return items;
    }
}
