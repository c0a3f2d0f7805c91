package io.agora.gateway.market;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.SampleRequest;
import io.agora.gateway.web.ProblemException;
import io.agora.runtime.market.PublicReason;
import io.agora.runtime.plugins.ModelRegistry;
import io.agora.wire.MarketCreate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A market's candidate replies drawn from a language model the gateway serves ({@code generate} in the create
 * request): the different replies, in the order first drawn, and how often each was drawn, as the reference.
 *
 * @param reference each reply's share of the draws
 * @param labels    the different replies
 */
record GeneratedCandidates(double[] reference, List<String> labels) {

    /** The most replies a market may draw from a model when it opens. */
    static final int MAX_GENERATED = 100;

    /**
     * Draws {@code generate.count} replies to the prompt from a served model, seeded by the market's seed; the bounds
     * are checked before the model is asked. Replies drawn more than once become one outcome whose reference weight
     * is its count (the draws' own law, which MOSAIC with {@code generator: uniform} reweights exactly).
     */
    static GeneratedCandidates draw(ModelRegistry models, MarketCreate.Generate generate, String prompt, long seed) {
        if (prompt == null || prompt.isEmpty()) {
            throw ProblemException.badRequest("prompt", "required to generate the candidate replies");
        }
        if (generate.model() == null) {
            throw ProblemException.badRequest("generate.model", "required: a language model this gateway serves");
        }
        int count = generate.count() == null ? 10 : generate.count();
        if (count < 2 || count > MAX_GENERATED) {
            throw ProblemException.badRequest("generate.count", "must be in [2, " + MAX_GENERATED + "], got " + count);
        }
        int maxTokens = generate.maxTokens() == null ? 64 : generate.maxTokens();
        if (maxTokens < 1 || maxTokens > 1024) {
            throw ProblemException.badRequest("generate.maxTokens", "must be in [1, 1024], got " + maxTokens);
        }
        LanguageModel model;
        try {
            model = models.model(generate.model(), "generate.model");
        } catch (InvalidInputException e) {
            throw ProblemException.badRequest(e.field(), e.rule());
        }
        List<Completion> replies;
        try {
            replies = model.sample(List.of(new SampleRequest(prompt, count, seed, 1.0, maxTokens))).get(0);
        } catch (InvalidInputException e) {
            // The model refused the request (a finite model that does not know the prompt): in the API's terms.
            throw ProblemException.badRequest("prompt", "model '" + generate.model() + "' cannot answer it: " + e.rule());
        } catch (RuntimeException e) {
            throw new ProblemException(422, "generate.model", "the model could not draw replies: " + PublicReason.of(String.valueOf(e.getMessage())));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Completion c : replies) {
            if (!c.text().isEmpty() && c.text().length() <= MarketAdmission.MAX_TEXT) {
                counts.merge(c.text(), 1, Integer::sum);
            }
        }
        if (counts.size() < 2) {
            throw new ProblemException(422, "generate", "the model drew fewer than 2 different replies in " + count
                    + " draws; draw more (generate.count) or give outcomes");
        }
        double drawn = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new GeneratedCandidates(counts.values().stream().mapToDouble(k -> k / drawn).toArray(), List.copyOf(counts.keySet()));
    }
}
