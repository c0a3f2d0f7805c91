package io.agora.plugins.vickreyfeedback;

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
 * P4, VickreyFeedback: each round is one prompt whose outcomes are its candidate replies. Every supplier offers one
 * reply at an asked price; the market buys the two best offers as a (chosen, rejected) pair, pays them by the pricing
 * rule out of its budget, and stops buying once a purchase would overspend it.
 */
@Extension
public final class VickreyFeedbackMechanism implements Mechanism {
    static final String REPLY = "reply";
    static final String BID = "bid";

    @Override
    public String id() {
        return "vickrey-feedback";
    }

    @Override
    public String description() {
        return "P4 VickreyFeedback: suppliers offer a reply at an asked price; the two best offers are bought as a preference pair "
                + "and paid by the pricing rule out of the market's budget";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.choice("pricing", "k_plus_1", List.of("k_plus_1", "second", "pay_as_bid"),
                        "what a winner is paid: the first loser's ask (truthful), the second winner's ask, or its own ask [RECON]"),
                Parameter.positive("reserve", 1.0, "the most the market pays for one reply; asks above it are refused"),
                Parameter.number("budget", 10.0, 0.0, null, "what the market may spend in all; it stops buying when a pair would overspend it"),
                Parameter.number("qualityWeight", 0.0, 0.0, null,
                        "what one unit of judged quality is worth against the ask when offers are ranked (0: the cheapest two win) [RECON]"),
                Parameter.choice("label", "judge", List.of("judge", "bids"),
                        "who orders a bought pair: the judge (the better reply is chosen) or the bids (the higher ask is chosen) [RECON]"),
                Parameter.text("judge", "world", "who judges a reply's quality: 'world' (the market's seeded world, which also deals "
                        + "the hosted suppliers' types) or the name of a language model the host serves, which scores each candidate "
                        + "reply to the market's prompt by its log-probability [RECON]"),
                Parameter.number("judgeNoise", 0.0, 0.0, 10.0, "the world judge's error: the spread of its noise around the true quality"),
                Parameter.number("qaScale", 1.0, 0.0, 100.0, "κ in QA-DPO's pair weight 0.5 + σ(κ·(b_chosen − b_rejected)) [RECON]"),
                Parameter.choice("train", "none", List.of("none", "dpo", "qa-dpo"),
                        "fine-tune a policy on the bought pairs, by DPO or by QA-DPO (pairs weighted by the QA weight); the round's "
                        + "outcome is then that policy over the candidate replies"),
                Parameter.text("model", "catalog", "the served language model that training copies and fine-tunes"),
                Parameter.integer("trainSteps", 20, 1L, 1000L, "Adam steps of each clearing's training, from the reference"),
                Parameter.positive("learningRate", 0.005, "Adam's step size in training"),
                Parameter.positive("beta", 1.0, "DPO's β in training"),
                Parameter.integer("history", 1000, 1L, 100_000L, "how many bought pairs training keeps (oldest dropped first)"),
                Parameter.numberList("costs", "dealt types: each seat's base cost, by seat (cycled); empty: 8 suppliers over 0.10–0.45"),
                Parameter.numberList("skills", "dealt types: how noisily each seat picks its reply, by seat (cycled; 0 always offers the "
                        + "best reply); empty: 8 suppliers over 2.0–0.2"),
                Parameter.number("qualityCost", 0.3, 0.0, 10.0,
                        "dealt types: what a better reply adds to its cost (times its quality quantile among the candidates)"));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(
                ReportComponent.text(REPLY, "the reply offered: one of the round's candidate replies (its label, or its index when the "
                        + "outcomes are unlabeled)", 4000),
                ReportComponent.money(BID, "the price asked for the reply", params.number("reserve")));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        return new VickreyFeedbackInstance(Settings.of(params), context.seed(), Judge.of(params.text("judge"), context),
                Training.of(params, context), (int) params.integer("history"));
    }
}
