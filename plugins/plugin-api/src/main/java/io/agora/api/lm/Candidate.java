package io.agora.api.lm;

import io.agora.api.InvalidInputException;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One reply of a finite candidate set, with the attributes reward models read (sentiment, length, topic, brand
 * mentions, correctness, ...), each a finite number.
 *
 * @param text       the reply
 * @param attributes attribute values by name, sorted by name
 */
public record Candidate(String text, Map<String, Double> attributes) {

    /** Checks the fields and copies the attributes. */
    public Candidate {
        Objects.requireNonNull(text, "text");
        attributes.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new InvalidInputException("attributes." + name, "must be a finite number, got " + value);
            }
        });
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** The attribute {@code name}, or 0 when the candidate does not have it. */
    public double attribute(String name) {
        return attributes.getOrDefault(name, 0.0);
    }
}
