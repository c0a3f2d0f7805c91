package io.agora.plugins.onlineweighting;

import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import org.pf4j.Extension;

import java.util.List;

/**
 * P2, online weighted aggregation against strategic labelers: each round one comparison (A against B), every
 * labeler reports the probability that A is preferred, the market's outcome is the aggregate soft label, the
 * comparison's outcome is revealed, and the weights learn who is accurate. No money.
 */
@Extension
public final class OnlineWeightingMechanism implements Mechanism {
    static final String PROBABILITY = "probability";
    static final String PREFERRED = "preferred";

    @Override
    public String id() {
        return "online-weighting";
    }

    @Override
    public String description() {
        return "P2: labelers report P(A beats B); their online-weighted average is the soft label; weights track accuracy (no payments)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.choice("aggregator", "weighted", List.of("weighted", "average", "median"),
                        "how reports become the soft label: online weights, or the baselines average and median (whose weights stay 1/N)"),
                Parameter.choice("loss", "brier", List.of("brier", "absolute"), "how a report is scored against the outcome [RECON]"),
                Parameter.choice("update", "linear", List.of("linear", "exponential"),
                        "how weights move: w·[1 − η(ℓ − ℓ̄)] (the specification's rule) or Hedge w·exp(−ηℓ) [RECON]"),
                Parameter.number("eta", 0, 0.0, 0.5, "the step η in (0, 1/2]; 0: √(ln N / horizon)"),
                Parameter.integer("horizon", 1000, 1L, 100_000_000L, "T, the number of rounds the default η is tuned for"),
                Parameter.numberList("noise", "dealt types: each seat's belief spread around the hidden preference, by seat "
                        + "(cycled); empty: 8 labelers spread evenly over 0.02–0.4"),
                Parameter.numberList("bias", "dealt types: each seat's lean toward A (positive) or B, by seat (cycled); empty: "
                        + "0, except +0.25 and −0.25 for the last two of the default 8"),
                Parameter.numberList("preferred", "dealt types: each seat's own preferred label θ, by seat (cycled); empty: "
                        + "1 for a seat leaning to A, 0 for one leaning to B, 0.5 otherwise"),
                Parameter.number("weightValue", 1.0, 0.0, null, "a: what a labeler's next weight is worth to it"),
                Parameter.number("labelCost", 1.0, 0.0, null, "c: what a labeler loses per squared distance between the soft label and θ"),
                Parameter.number("discount", 1.0, 0.0, 1.0, "δ: a labeler's value in round t is discounted by δ^(t−1)"));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(
                ReportComponent.probability(PROBABILITY, "the probability that reply A is preferred to reply B"),
                ReportComponent.probability(PREFERRED, "the label the labeler would like the soft label to be (part of its type; "
                        + "clearing ignores it)").optional());
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        return new OnlineWeightingInstance(Settings.of(params), context.seed());
    }
}
