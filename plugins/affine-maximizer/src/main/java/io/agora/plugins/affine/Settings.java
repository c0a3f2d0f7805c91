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
        // Hosted experiments open an instance per session (hundreds of thousands per run): the few distinct shapes are kept.
        return SHAPES.computeIfAbsent(new ShapeKey(normalization, tolerance, maxGroupSize), k -> ReportShape.of(
                ReportComponent.rewards(Report.REWARDS, "reward models", true, k.normalization(), k.tolerance()),
                ReportComponent.number(Report.WEIGHT, "a group size, at most maxGroupSize", 1, k.maxGroupSize(), true)));
    }

    private record ShapeKey(Normalization normalization, double tolerance, long maxGroupSize) {
    }

    private static final java.util.Map<ShapeKey, ReportShape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

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
