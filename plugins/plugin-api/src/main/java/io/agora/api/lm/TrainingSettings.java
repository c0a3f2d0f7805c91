package io.agora.api.lm;

import io.agora.api.InvalidInputException;

/**
 * How a {@link TrainablePolicy} takes its optimizer steps: Adam with these settings.
 *
 * @param learningRate step size, greater than 0
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param epsilon      added to the root of the second moment, greater than 0
 * @param seed         the seed of every random choice of training (initialisation, dropout, shuffling)
 */
public record TrainingSettings(double learningRate, double beta1, double beta2, double epsilon, long seed) {

    /** Checks the ranges. */
    public TrainingSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("learningRate", "must be a finite number greater than 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new InvalidInputException("beta1", "must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidInputException("beta2", "must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidInputException("epsilon", "must be a finite number greater than 0, got " + epsilon);
        }
    }

    /** Adam's usual settings (0.9, 0.999, 1e-8) with {@code learningRate}. */
    public static TrainingSettings adam(double learningRate, long seed) {
        return new TrainingSettings(learningRate, 0.9, 0.999, 1e-8, seed);
    }
}
