package io.agora.plugins.affine;

import io.agora.api.Normalization;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.core.math.Divergence;

/** The validated parameters of one market, as typed values. */
record Settings(double lambda, Divergence divergence, Normalization normalization, double tolerance,
                long maxGroupSize, PaymentRule payment, double[][] menu, long checkpointEvery,
                double earlyStopFraction, double inputNoise, long noiseSeed) {

    /** The report a market with these settings admits: a reward model over the outcomes and a group size. */
    ReportShape shape() {
        return ReportShape.of(
                ReportComponent.rewards(Report.REWARDS, "reward models", true, normalization, tolerance),
                ReportComponent.number(Report.WEIGHT, "a group size, at most maxGroupSize", 1, maxGroupSize, true));
    }

    static Settings from(Parameters p) {
        return new Settings(
                p.number("lambda"),
                Divergence.byId(p.choice("divergence")),
                Normalization.of(p.choice("normalization")),
                p.number("normalizationTolerance"),
                p.integer("maxGroupSize"),
                PaymentRule.of(p.choice("payment")),
                p.has("menu") ? p.matrix("menu") : null,
                p.integer("checkpointEvery"),
                p.number("earlyStopFraction"),
                p.number("inputNoise"),
                p.integer("noiseSeed"));
    }
}
