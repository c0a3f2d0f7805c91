package io.agora.api.lm;

import java.util.List;

/**
 * A training loss that depends on a policy only through the log-probabilities it gives some replies. A
 * {@link TrainablePolicy} computes those log-probabilities, asks the objective for the loss and its gradient with
 * respect to them, and back-propagates that gradient into its own parameters; so every objective trains every
 * trainable model, whatever its parameters are. Objectives are immutable values; the platform's own (DPO, weighted
 * DPO, Plackett–Luce, KL-regularized reward tilt) are in the platform's core library.
 */
public interface Objective {

    /** The replies whose log-probabilities under the policy the loss reads, in a fixed order. */
    List<PromptReply> items();

    /**
     * The loss at the given log-probabilities, and its gradient.
     *
     * @param logProbs one log-probability per {@link #items()} entry, under the policy being trained
     * @param gradient filled with the loss's partial derivative with respect to each entry of {@code logProbs}
     * @return the loss (to be minimized)
     */
    double loss(double[] logProbs, double[] gradient);
}
