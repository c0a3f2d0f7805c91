package io.agora.plugins.emdpo;

import io.agora.api.InvalidInputException;
import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.core.train.CandidateRestricted;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * P5: annotators rank a prompt's candidate replies (the market's outcomes); the mechanism learns K policies for K
 * latent annotator types with EM-DPO over every ranking so far and deploys their min-max-regret mixture. No money
 * changes hands. See the plugin's README for the parameters and what is reconstructed.
 */
@Extension
public final class EmDpoMechanism implements Mechanism {
    /** The report's components. */
    static final String RANKING = "ranking";
    static final String ANNOTATOR = "annotator";

    @Override
    public String id() {
        return "em-dpo";
    }

    @Override
    public String description() {
        return "EM-DPO: K policies for K latent annotator types learned from rankings, deployed as their min-max-regret mixture (no payments)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.text("model", "catalog", "the language model that is fine-tuned: it scores given replies and trains (catalog, torch)"),
                Parameter.text("candidates", "catalog", "for a model without finite candidate sets of its own (torch): the finite model "
                        + "whose prompts and candidate replies it is restricted to"),
                Parameter.text("prompt", "", "the prompt whose candidate replies are the market's outcomes; empty: the model's first prompt"),
                Parameter.integer("types", 2, 1L, 16L, "K, the number of latent annotator types (1: the single-DPO baseline)"),
                Parameter.positive("beta", 1.0, "DPO's β: the KL weight of the implicit reward β·log(π/π_ref)"),
                Parameter.integer("emSteps", 5, 1L, 100L, "EM iterations per clearing"),
                Parameter.integer("mSteps", 20, 1L, 1000L, "Adam steps per policy in each M-step"),
                Parameter.positive("learningRate", 0.05, "Adam's step size"),
                Parameter.choice("init", "kmeans", List.of("kmeans", "random"), "how the type posteriors start: k-means of the annotators' rankings (cluster-DPO) or random"),
                Parameter.choice("aggregation", "mmra-lp", List.of("mmra-lp", "mmra-hedge", "shares"),
                        "how the K policies become one: min-max regret by an exact LP or by optimistic Hedge, or their mixture by type shares"),
                Parameter.choice("regretWeights", "uniform", List.of("uniform", "shares"),
                        "the weight w_i of type i's regret: 1 for every type, or its share η_i [RECON]"),
                Parameter.numberList("annotatorShares", "dealt types: the shares of latent annotator types (empty: rankings drawn "
                        + "uniformly); a seat keeps its type every round"),
                Parameter.text("annotatorUtilities", "sentiment:2,words:-0.15,onTopic:3", "dealt types: per latent type, the candidate "
                        + "attribute and weight of its utility; each round a seat ranks every candidate by a Plackett–Luce draw over it"),
                Parameter.integer("history", 5_000, 10L, 100_000L,
                        "the most settled rankings a clearing learns from: the latest, the oldest dropped first (bounds the work per round)"));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(
                ReportComponent.ranking(RANKING, "the replies (outcome indices), best first: all of them, or the top ones", 2),
                ReportComponent.identifier(ANNOTATOR, "who ranked: every ranking of one annotator is taken to come from one type", 64));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        LanguageModels models = context.service(LanguageModels.class).orElseThrow(() ->
                new InvalidInputException("params.model", "this host offers no language models, and em-dpo trains one"));
        String name = params.text("model");
        LanguageModel raw = models.model(name, "params.model");
        Capabilities can = raw.capabilities();
        if (!can.score() || !can.trainable()) {
            throw new InvalidInputException("params.model", "model '" + name + "' cannot serve em-dpo: it needs scoring of given replies "
                    + "and training (" + (can.score() ? "" : "it only samples; ") + (can.trainable() ? "" : "not trainable here; ") + ")");
        }
        LanguageModel model = CandidateRestricted.of(raw, can.finite() ? null : models.model(params.text("candidates"), "params.candidates"),
                "params.candidates");
        String prompt = params.text("prompt").isEmpty() ? model.prompts().get(0) : params.text("prompt");
        if (!model.prompts().contains(prompt)) {
            throw new InvalidInputException("params.prompt", "model '" + model.name() + "' has no such prompt");
        }
        Optional<LatentAnnotators> annotators = LatentAnnotators.of(params.has("annotatorShares") ? params.numberList("annotatorShares")
                : new double[0], params.text("annotatorUtilities"));
        return new EmDpoInstance(Settings.of(params), model, prompt, context.seed(), annotators);
    }
}
