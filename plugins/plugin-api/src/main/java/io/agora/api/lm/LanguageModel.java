package io.agora.api.lm;

import java.util.List;

/**
 * A language model as mechanisms and trainers use it: it samples replies to prompts with their log-probabilities
 * and, where {@link #capabilities()} says so, scores given replies, lists finite candidate sets and gives
 * trainable copies of itself. All calls take batches, so that a model can run them together.
 *
 * <p>Implementations are safe to call from several threads and do not change between calls (a
 * {@link TrainablePolicy} changes only through its own {@code step}). A call with invalid input throws
 * {@link io.agora.api.InvalidInputException}; a call the model cannot serve (scoring on a sampling-only server)
 * throws {@link UnsupportedOperationException} saying which capability is missing; a remote model that fails
 * throws {@link ModelUnavailableException}.
 */
public interface LanguageModel {

    /** The name the host serves this model under, such as {@code catalog}. */
    String name();

    /** What the model can do. */
    Capabilities capabilities();

    /**
     * Draws replies.
     *
     * @return per request, its {@link SampleRequest#count()} replies in the order drawn
     */
    List<List<Completion>> sample(List<SampleRequest> requests);

    /**
     * The exact log-probability of each reply given its prompt (the sum of its tokens' log-probabilities; for a
     * finite model, {@code -Infinity} for a reply outside the prompt's candidates).
     *
     * @throws UnsupportedOperationException if {@link Capabilities#score()} is false
     */
    default double[] score(List<PromptReply> replies) {
        throw new UnsupportedOperationException("model '" + name() + "' cannot score given replies (it only samples)");
    }

    /**
     * The prompts of a finite model, in a fixed order.
     *
     * @throws UnsupportedOperationException if {@link Capabilities#finite()} is false
     */
    default List<String> prompts() {
        throw new UnsupportedOperationException("model '" + name() + "' has no finite set of prompts");
    }

    /**
     * The candidate replies of one prompt of a finite model, in a fixed order.
     *
     * @throws UnsupportedOperationException if {@link Capabilities#finite()} is false
     * @throws io.agora.api.InvalidInputException if the model does not know the prompt
     */
    default List<Candidate> candidates(String prompt) {
        throw new UnsupportedOperationException("model '" + name() + "' has no finite candidate sets");
    }

    /**
     * A trainable copy of this model, starting from its current parameters; this model is not changed by
     * training the copy.
     *
     * @throws UnsupportedOperationException if {@link Capabilities#trainable()} is false
     */
    default TrainablePolicy trainable(TrainingSettings settings) {
        throw new UnsupportedOperationException("model '" + name() + "' cannot be fine-tuned here");
    }
}
