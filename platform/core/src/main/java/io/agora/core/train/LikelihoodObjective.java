package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;

import java.util.List;

/**
 * Maximum likelihood, what pre-training minimizes: the mean negative log-probability of the given replies,
 * {@code loss = −(1/N) Σ_i log π(y_i|x_i)}, whose gradient is {@code −1/N} for every item.
 */
public final class LikelihoodObjective implements Objective {
    private final List<PromptReply> items;

    private LikelihoodObjective(List<PromptReply> items) {
        this.items = items;
    }

    /** @param items at least one reply to a prompt */
    public static LikelihoodObjective of(List<PromptReply> items) {
        if (items.isEmpty()) {
            throw new InvalidInputException("items", "at least one reply is needed");
        }
        return new LikelihoodObjective(List.copyOf(items));
    }

    @Override
    public List<PromptReply> items() {
        return items;
    }

    @Override
    public double loss(double[] logProbs, double[] gradient) {
        double sum = 0;
        for (int i = 0; i < logProbs.length; i++) {
            sum += logProbs[i];
            gradient[i] = -1.0 / logProbs.length;
        }
        return -sum / logProbs.length;
    }
}
