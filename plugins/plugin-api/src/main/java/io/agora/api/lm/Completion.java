package io.agora.api.lm;

import io.agora.api.InvalidInputException;

import java.util.Objects;

/**
 * A reply drawn from a model.
 *
 * @param text    the reply
 * @param logProb its log-probability under the model that drew it, given the prompt (the sum over its tokens);
 *                {@code NaN} when the model cannot say (a server that returns no log-probabilities)
 * @param tokens  how many tokens the reply has, or 0 when unknown
 */
public record Completion(String text, double logProb, int tokens) {

    /** Checks the fields. */
    public Completion {
        Objects.requireNonNull(text, "text");
        if (logProb > 0 || logProb == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException("logProb", "a log-probability is at most 0, got " + logProb);
        }
        if (tokens < 0) {
            throw new InvalidInputException("tokens", "must be at least 0, got " + tokens);
        }
    }
}
