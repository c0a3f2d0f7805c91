package io.agora.runtime.market;

import io.agora.api.Report;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Full-information seats are asked last, one at a time, each once. */
class FullInformationQueueTest {

    private static RoundBook book(String... seats) {
        Map<String, Report> types = new LinkedHashMap<>();
        for (String s : seats) {
            types.put(s, Report.ofRewards(s, new double[] {0.5, 0.5}, 1));
        }
        return new RoundBook(1, List.of(seats), types);
    }

    @Test
    void asksEachWaitingSeatOnceTheOthersAreIn() {
        RoundBook book = book("a", "b", "c", "d");
        FullInformationQueue queue = new FullInformationQueue();
        queue.add("c");
        queue.add("d");

        book.file("a", book.type("a"));
        assertThat(queue.next(book)).as("b is not in yet").isNull();
        book.file("b", book.type("b"));
        assertThat(queue.next(book)).isEqualTo("c");
        assertThat(queue.next(book)).as("c is asked once").isNull();
        book.file("c", book.type("c"));
        assertThat(queue.next(book)).isEqualTo("d");
        assertThat(queue.isEmpty()).isFalse();
        book.file("d", book.type("d"));
        assertThat(queue.next(book)).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }
}
