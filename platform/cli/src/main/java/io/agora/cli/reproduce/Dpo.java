package io.agora.cli.reproduce;

import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;

import java.util.ArrayList;
import java.util.List;

/** The reproductions' DPO: a trainable copy of a model, trained by Adam on (weighted) preference pairs with β = 1. */
final class Dpo {
    private Dpo() {
    }

    /**
     * A copy of {@code model} after {@code steps} Adam steps at {@code learningRate} on the pairs' DPO loss, each pair
     * weighted by its weight (soft labels, QA-DPO), against the model itself as the reference.
     */
    static TrainablePolicy train(LanguageModel model, List<Ranking> pairs, int steps, double learningRate, long seed) {
        List<double[]> refs = new ArrayList<>();
        for (Ranking p : pairs) {
            refs.add(model.score(p.replies().stream().map(y -> new PromptReply(p.prompt(), y)).toList()));
        }
        PreferenceObjective dpo = PreferenceObjective.of(pairs, refs, 1.0);
        TrainablePolicy policy = model.trainable(TrainingSettings.adam(learningRate, seed));
        for (int step = 0; step < steps; step++) {
            policy.step(dpo);
        }
        return policy;
    }
}
