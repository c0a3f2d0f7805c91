package io.agora.plugins.emdpo;

import io.agora.api.Parameters;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.EmDpo;

import java.util.Locale;

/** A market's em-dpo parameters, read once. */
record Settings(int types, double beta, int emSteps, int mSteps, double learningRate, EmDpo.Init init, String aggregation,
                boolean regretByShares) {

    static Settings of(Parameters p) {
        return new Settings((int) p.integer("types"), p.number("beta"), (int) p.integer("emSteps"), (int) p.integer("mSteps"),
                p.number("learningRate"), EmDpo.Init.valueOf(p.choice("init").toUpperCase(Locale.ROOT)), p.choice("aggregation"),
                p.choice("regretWeights").equals("shares"));
    }

    /** EM's settings, seeded for one clearing. */
    EmDpo.Settings em(long seed) {
        return new EmDpo.Settings(types, beta, emSteps, mSteps, init, TrainingSettings.adam(learningRate, seed));
    }
}
