package io.agora.api.lm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A language model whose parameters a trainer changes. It samples and scores like any model, with its current
 * parameters, and takes optimizer steps on {@link Objective}s.
 *
 * <p>Not thread-safe: one trainer owns it and calls it from one thread at a time. Given the same settings, starting
 * state and sequence of steps, it reaches the same parameters bit for bit.
 */
public interface TrainablePolicy extends LanguageModel {

    /**
     * One optimizer step: the log-probabilities of the objective's items under the current parameters, the
     * objective's gradient with respect to them, back-propagated into the parameters, and an update.
     *
     * @return the loss before the step
     * @throws io.agora.api.InvalidInputException if an item cannot be trained on (a reply outside a finite
     *         model's candidates)
     */
    double step(Objective objective);

    /** How many steps this policy has taken since it was created from its model. */
    long steps();

    /** An independent copy in the same state (parameters, optimizer moments, step count). */
    TrainablePolicy copy();

    /** Writes the parameters, the optimizer's state and the step count, so that {@link #load} resumes exactly. */
    void save(OutputStream out) throws IOException;

    /**
     * Replaces this policy's state with one {@link #save} wrote for a policy of the same model and shape.
     *
     * @throws IOException if the stream is not such a state
     */
    void load(InputStream in) throws IOException;
}
