package io.agora.api.lm;

import java.util.Objects;

/**
 * A reply to a prompt, as scored or trained on.
 *
 * @param prompt the prompt
 * @param reply  the reply
 */
public record PromptReply(String prompt, String reply) {

    /** Checks that both are given. */
    public PromptReply {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(reply, "reply");
    }
}
