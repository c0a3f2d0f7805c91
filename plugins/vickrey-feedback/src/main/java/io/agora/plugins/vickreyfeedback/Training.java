package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.MarketPrompt;
import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Parameters;
import io.agora.api.Policy;
import io.agora.api.PreferencePair;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.PreferenceObjective;
import io.agora.core.train.Ranking;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy a data-buying market fine-tunes on the pairs it bought: a copy of a served language model, trained by DPO
 * (every pair weight 1) or QA-DPO (each pair weighted {@code 0.5 + σ(κ·(b_chosen − b_rejected))}) against the model
 * itself as the reference, on the market's prompt and the bought replies' texts. The market's outcome is that policy
 * over its candidate replies. Training starts from the reference on every clearing, over the kept pairs, so the policy
 * is a function of the market's state and replays exactly after a restart; the work of one clearing is bounded by
 * {@code trainSteps} times the kept pairs.
 */
final class Training {
    private final LanguageModel model;
    private final String prompt;
    private final boolean qaWeights;
    private final int steps;
    private final double learningRate;
    private final double beta;
    private final long seed;

    private Training(LanguageModel model, String prompt, boolean qaWeights, int steps, double learningRate, double beta, long seed) {
        this.model = model;
        this.prompt = prompt;
        this.qaWeights = qaWeights;
        this.steps = steps;
        this.learningRate = learningRate;
        this.beta = beta;
        this.seed = seed;
    }

    /**
     * The training the {@code train} parameter asks for, or null for none.
     *
     * @throws InvalidInputException naming {@code params.model} or {@code params.train} when the host has no such model,
     *                               the model cannot be scored and trained, or the market has no prompt
     */
    static Training of(Parameters params, MechanismContext context) {
        String train = params.choice("train");
        if (train.equals("none")) {
            return null;
        }
        LanguageModels models = context.service(LanguageModels.class).orElseThrow(() ->
                new InvalidInputException("params.model", "this host offers no language models to train"));
        String name = params.text("model");
        LanguageModel model = models.model(name, "params.model");
        Capabilities can = model.capabilities();
        if (!can.score() || !can.trainable()) {
            throw new InvalidInputException("params.model", "model '" + name + "' cannot be trained here: it must score given replies and be trainable");
        }
        String prompt = context.service(MarketPrompt.class).map(MarketPrompt::text).orElseThrow(() ->
                new InvalidInputException("params.train", "training reads the market's prompt: open the market with a prompt"));
        long steps = params.integer("trainSteps");
        long kept = params.integer("history");
        if (steps * kept > MAX_WORK) {
            throw new InvalidInputException("params.trainSteps", "trainSteps × history must be at most " + MAX_WORK
                    + " pair-steps (the most one clearing may train), got " + steps + " × " + kept);
        }
        return new Training(model, prompt, train.equals("qa-dpo"), (int) steps, params.number("learningRate"), params.number("beta"),
                context.seed());
    }

    /** The most pair-steps one clearing may train: trainSteps × the pairs it keeps. */
    static final long MAX_WORK = 2_000_000;

    /**
     * The policy over the market's candidates after training on {@code pairs}: the reference when there are none.
     *
     * @throws InvalidInputException when the outcomes have no texts to train on
     */
    Policy train(List<PreferencePair> pairs, OutcomeSpace outcomes) {
        if (outcomes.labels().isEmpty()) {
            throw new InvalidInputException("outcomes", "training reads the candidate replies' texts: open the market with outcomes");
        }
        List<PromptReply> candidates = outcomes.labels().stream().map(y -> new PromptReply(prompt, y)).toList();
        if (pairs.isEmpty()) {
            return Policy.ofLogWeights(model.score(candidates));
        }
        List<Ranking> rankings = new ArrayList<>();
        List<double[]> refs = new ArrayList<>();
        double[] reference = model.score(candidates);
        for (PreferencePair p : pairs) {
            rankings.add(Ranking.pair(prompt, outcomes.labels().get(p.chosen()), outcomes.labels().get(p.rejected()))
                    .withWeight(qaWeights ? p.weight() : 1));
            refs.add(new double[] {reference[p.chosen()], reference[p.rejected()]});
        }
        TrainablePolicy policy = model.trainable(TrainingSettings.adam(learningRate, seed));
        PreferenceObjective dpo = PreferenceObjective.of(rankings, refs, beta);
        for (int step = 0; step < steps; step++) {
            policy.step(dpo);
        }
        return Policy.ofLogWeights(policy.score(candidates));
    }
}
