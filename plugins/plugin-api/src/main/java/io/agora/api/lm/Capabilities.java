package io.agora.api.lm;

/**
 * What a {@link LanguageModel} can do. Every model samples; a server that only samples (llama.cpp's server,
 * Ollama) cannot score a given reply, and only some models can be fine-tuned here.
 *
 * @param score     {@link LanguageModel#score} gives the exact log-probability of a given reply
 * @param trainable {@link LanguageModel#trainable} gives a policy that can be fine-tuned
 * @param finite    replies come from a finite candidate set per prompt ({@link LanguageModel#candidates})
 */
public record Capabilities(boolean score, boolean trainable, boolean finite) {

    /** A model that only samples. */
    public static Capabilities samplingOnly() {
        return new Capabilities(false, false, false);
    }
}
