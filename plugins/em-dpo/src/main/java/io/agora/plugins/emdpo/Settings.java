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
     * The most work one clearing may ask for, in ranking-steps: optimizer steps (types × emSteps × mSteps) times the
     * rankings kept. At the EM-DPO bench's pace (5.1 million ranking-steps in about 6 s on the catalog) this is about
     * 12 s, so a market's parameters cannot ask for hours of training per round.
     */
    static final long MAX_WORK = 10_000_000;

    static Settings of(Parameters p) {
        long work = p.integer("types") * p.integer("emSteps") * p.integer("mSteps") * p.integer("history");
        if (work > MAX_WORK) {
            throw new InvalidInputException("params.mSteps", "types × emSteps × mSteps × history (the work of one clearing) must be at most "
                    + MAX_WORK + ", got " + work);
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
