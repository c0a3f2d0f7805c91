package io.agora.api;

import java.util.List;

/**
 * A finite set of candidate outcomes {@code Y = {y_0 .. y_(m-1)}} for one prompt: replies, token sequences,
 * menu entries. Outcomes are identified by their index; labels are optional and only for display.
 *
 * @param size   the number of outcomes m, at least 1
 * @param labels either empty or exactly {@code size} labels
 */
public record OutcomeSpace(int size, List<String> labels) {

    /** Validates the size and copies the labels. */
    public OutcomeSpace {
        if (size < 1) {
            throw new InvalidInputException("outcomes", "must hold at least 1 outcome, got " + size);
        }
        labels = List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != size) {
            throw new InvalidInputException("outcomes.labels", "length " + labels.size() + ", expected " + size);
        }
    }

    /** An unlabeled space of {@code size} outcomes. */
    public static OutcomeSpace of(int size) {
        return new OutcomeSpace(size, List.of());
    }
}
