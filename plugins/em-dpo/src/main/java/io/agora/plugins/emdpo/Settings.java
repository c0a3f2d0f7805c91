package io.agora.plugins.emdpo;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.EmDpo;

import java.util.Locale;

/** A market's em-dpo parameters, read once. */
record Settings(int types, double beta, int emSteps, int mSteps, double learningRate, EmDpo.Init init, String aggregation,
                boolean regretByShares, int history) {
    /**
     * The most optimizer steps one clearing may take (types × emSteps × mSteps), so that a market's parameters cannot
     * ask for hours of training per round; with the bound on the history, a clearing's work is bounded.
     */
    static final long MAX_STEPS = 20_000;

    static Settings of(Parameters p) {
        long steps = p.integer("types") * p.integer("emSteps") * p.integer("mSteps");
        if (steps > MAX_STEPS) {
            throw new InvalidInputException("params.mSteps", "types × emSteps × mSteps is the optimizer steps of one clearing and "
                    + "must be at most " + MAX_STEPS + ", got " + steps);
        }
        return new Settings((int) p.integer("types"), p.number("beta"), (int) p.integer("emSteps"), (int) p.integer("mSteps"),
                p.number("learningRate"), EmDpo.Init.valueOf(p.choice("init").toUpperCase(Locale.ROOT)), p.choice("aggregation"),
                p.choice("regretWeights").equals("shares"), (int) p.integer("history"));
    }

    /** EM's settings, seeded for one clearing. */
    EmDpo.Settings em(long seed) {
        return new EmDpo.Settings(types, beta, emSteps, mSteps, init, TrainingSettings.adam(learningRate, seed));
    }
}
