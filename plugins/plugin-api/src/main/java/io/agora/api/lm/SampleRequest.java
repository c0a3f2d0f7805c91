package io.agora.api.lm;

import io.agora.api.InvalidInputException;

import java.util.Objects;

/**
 * Draw {@code count} replies to {@code prompt}.
 *
 * @param prompt      the prompt
 * @param count       how many replies, at least 1
 * @param seed        the seed of the draw: the same model, version, request and seed give the same replies where the
 *                    model can promise it (every model of this project; a remote server only if it honours seeds)
 * @param temperature sampling temperature, greater than 0 (1 samples the model's own distribution, which is what
 *                    the returned log-probabilities describe)
 * @param maxTokens   the longest reply in tokens, at least 1 (a model of finite candidate sets ignores it)
 */
public record SampleRequest(String prompt, int count, long seed, double temperature, int maxTokens) {

    /** Checks the fields. */
    public SampleRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (count < 1) {
            throw new InvalidInputException("count", "must be at least 1, got " + count);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("temperature", "must be a finite number greater than 0, got " + temperature);
        }
        if (maxTokens < 1) {
            throw new InvalidInputException("maxTokens", "must be at least 1, got " + maxTokens);
        }
    }

    /** {@code count} replies at temperature 1, at most 64 tokens each. */
    public static SampleRequest of(String prompt, int count, long seed) {
        return new SampleRequest(prompt, count, seed, 1.0, 64);
    }
}
