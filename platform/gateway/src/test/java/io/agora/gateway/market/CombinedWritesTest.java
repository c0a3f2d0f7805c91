package io.agora.gateway.market;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared writer's queue, with writes that complete when the test says so. */
class CombinedWritesTest {
    /** An item: its market and a name. */
    private record Item(String market, String name) {
    }

    private final List<List<String>> writes = new ArrayList<>();
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    private final CombinedWrites<Item> queue = new CombinedWrites<>(Item::market, items -> {
        writes.add(items.stream().map(Item::name).toList());
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.add(done);
        return done;
    });

    private void finishWrite(int i) {
        inFlight.get(i).complete(null);
    }

    @Test
    void anItemIsWrittenAtOnceWhenNothingIsInFlight() {
        queue.add(new Item("a", "a1"));
        assertThat(writes).containsExactly(List.of("a1"));
        finishWrite(0);
        queue.add(new Item("b", "b1"));
        assertThat(writes).containsExactly(List.of("a1"), List.of("b1"));
    }

    @Test
    void itemsThatArriveDuringAWriteGoTogetherIntoTheNextOneOneItemPerMarket() {
        queue.add(new Item("a", "a1"));
        queue.add(new Item("b", "b1"));
        queue.add(new Item("a", "a2"));
        queue.add(new Item("a", "a3"));
        queue.add(new Item("c", "c1"));
        assertThat(writes).containsExactly(List.of("a1")); // one write at a time
        finishWrite(0);
        assertThat(writes).last().isEqualTo(List.of("b1", "a2", "c1"));
        finishWrite(1);
        assertThat(writes).last().isEqualTo(List.of("a3")); // a market's items in the order they came, never two at once
        finishWrite(2);
        assertThat(writes).hasSize(3);
    }

    @Test
    void aWriteThatThrowsDoesNotStopTheQueue() {
        List<List<String>> seen = new ArrayList<>();
        CombinedWrites<Item> throwing = new CombinedWrites<>(Item::market, items -> {
            seen.add(items.stream().map(Item::name).toList());
            if (seen.size() == 1) {
                throw new IllegalStateException("bad item");
            }
            return CompletableFuture.completedFuture(null);
        });
        throwing.add(new Item("a", "a1"));
        throwing.add(new Item("b", "b1"));
        assertThat(seen).containsExactly(List.of("a1"), List.of("b1"));
    }

    @Test
    void aFailedWriteDoesNotStopTheQueue() {
        queue.add(new Item("a", "a1"));
        queue.add(new Item("b", "b1"));
        inFlight.get(0).completeExceptionally(new IllegalStateException("connection lost"));
        assertThat(writes).containsExactly(List.of("a1"), List.of("b1"));
    }
}
