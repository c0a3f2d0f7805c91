package io.agora.api;

import java.util.Objects;

/**
 * The prompt a market's rounds answer, which the host offers a mechanism through
 * {@code context.service(MarketPrompt.class)} when the market was opened with one. With the outcomes' texts
 * ({@link OutcomeSpace#labels()}) it lets a mechanism ask a language model about the replies (a judge).
 *
 * @param text the prompt
 */
public record MarketPrompt(String text) {

    /** Rejects a missing prompt. */
    public MarketPrompt {
        Objects.requireNonNull(text, "text");
    }
}
