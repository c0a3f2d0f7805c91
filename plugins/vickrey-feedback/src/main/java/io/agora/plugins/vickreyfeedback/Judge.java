package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.MarketPrompt;
import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.PromptReply;

import java.util.List;

/**
 * A language model that judges the candidate replies of a market [RECON]: a reply's quality is its log-probability
 * given the market's prompt under the model (an LLM judge's preference, read off its likelihood). The candidates are
 * the market's, fixed for its life, so they are scored once, on the first clearing.
 */
final class Judge {
    /** The quality of a reply the judge gives no probability. */
    static final double FLOOR = -1e6;
    private final LanguageModel model;
    private final String prompt;
    /** The candidates last judged and their scores (a market's candidates are the same every round). */
    private volatile Scored scores;

    private record Scored(List<String> replies, double[] quality) {
    }

    private Judge(LanguageModel model, String prompt) {
        this.model = model;
        this.prompt = prompt;
    }

    /**
     * The judge named by the {@code judge} parameter, or null for the seeded world's.
     *
     * @throws InvalidInputException naming {@code params.judge} when the host has no such model, the model cannot
     *                               score given replies, or the market has no prompt
     */
    static Judge of(String name, MechanismContext context) {
        if (name.equals("world")) {
            return null;
        }
        LanguageModels models = context.service(LanguageModels.class).orElseThrow(() ->
                new InvalidInputException("params.judge", "this host offers no language models to judge with"));
        LanguageModel model = models.model(name, "params.judge");
        if (!model.capabilities().score()) {
            throw new InvalidInputException("params.judge", "model '" + name + "' cannot score given replies, and a judge scores them");
        }
        String prompt = context.service(MarketPrompt.class).map(MarketPrompt::text).orElseThrow(() ->
                new InvalidInputException("params.judge", "a judge model reads the market's prompt: open the market with a prompt"));
        return new Judge(model, prompt);
    }

    /**
     * Each candidate's quality: its log-probability given the prompt.
     *
     * @throws InvalidInputException when the outcomes have no texts to judge
     */
    double[] quality(OutcomeSpace outcomes) {
        if (outcomes.labels().isEmpty()) {
            throw new InvalidInputException("outcomes", "a judge model reads the candidate replies' texts: open the market with outcomes");
        }
        Scored cached = scores;
        if (cached != null && cached.replies().equals(outcomes.labels())) {
            return cached.quality();
        }
        double[] scored = model.score(outcomes.labels().stream().map(y -> new PromptReply(prompt, y)).toList());
        for (int j = 0; j < scored.length; j++) {
            // A reply the judge gives no probability (a finite model's unknown text) ranks below every other, finitely.
            scored[j] = Double.isNaN(scored[j]) ? FLOOR : Math.max(FLOOR, scored[j]);
        }
        scores = new Scored(outcomes.labels(), scored);
        return scored;
    }
}
