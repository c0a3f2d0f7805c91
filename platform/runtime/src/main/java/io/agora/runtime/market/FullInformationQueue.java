package io.agora.runtime.market;

import java.util.ArrayList;
import java.util.List;

/**
 * The seats of a round whose strategies read the others' reports (full information): they are asked last, one at a
 * time, each once every other seat is in. Plain and confined to its market actor.
 */
final class FullInformationQueue {
    private final List<String> queue = new ArrayList<>();
    /** The seat invited and not yet answered, if any. */
    private String invited;

    void clear() {
        queue.clear();
        invited = null;
    }

    void add(String seat) {
        queue.add(seat);
    }

    /** Whether no seat waits to be asked or to answer. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Drops the seats that have answered; returns the seat to invite now (the first waiting one, once every seat not
     * waiting is in, and not invited yet), or {@code null}.
     */
    String next(RoundBook book) {
        while (!queue.isEmpty()) {
            String head = queue.get(0);
            if (book.settled(head)) {
                queue.remove(0);
                invited = null;
                continue;
            }
            // Unsettled seats are exactly the waiting ones once everybody else is in (counts, not scans: a round may
            // have thousands of seats).
            boolean othersIn = book.settledCount() + unsettled(book) == book.seats().size();
            if (othersIn && !head.equals(invited)) {
                invited = head;
                return head;
            }
            return null;
        }
        return null;
    }

    private int unsettled(RoundBook book) {
        int n = 0;
        for (String seat : queue) {
            if (!book.settled(seat)) {
                n++;
            }
        }
        return n;
    }
}
