package io.agora.plugins.catalog;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.random.Tempered;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The catalog's reference model: each prompt's candidates with the dataset's log-probabilities. It samples and
 * scores exactly, and its trainable copies are {@link LogLinearPolicy log-linear policies} that start equal to it.
 * Immutable and safe for any thread.
 */
class CatalogModel implements LanguageModel {
    final String name;
    final CatalogData data;
    final Features features;
    /** Per prompt, per candidate: its length in words (the catalog's tokens), counted once. */
    private final int[][] tokens;

    CatalogModel(String name, CatalogData data, Features features) {
        this.name = name;
        this.data = data;
        this.features = features;
        this.tokens = data.prompts().stream()
                .map(p -> p.candidates().stream().mapToInt(c -> Features.words(c.text()).size()).toArray()).toArray(int[][]::new);
    }

    /** A subclass sharing the model's data and precomputed tables. */
    CatalogModel(CatalogModel model) {
        this.name = model.name;
        this.data = model.data;
        this.features = model.features;
        this.tokens = model.tokens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true);
    }

    /** The model's log-probabilities over a prompt's candidates (a fresh array). */
    double[] logProbs(CatalogData.Prompt p) {
        return p.logProbs().clone();
    }

    @Override
    public List<List<Completion>> sample(List<SampleRequest> requests) {
        List<List<Completion>> out = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            SampleRequest request = requests.get(r);
            CatalogData.Prompt p = data.require(request.prompt(), "requests[" + r + "].prompt");
            double[] logProbs = logProbs(p);
            Tempered tempered = new Tempered(logProbs, request.temperature());
            SplittableRandom random = new SplittableRandom(request.seed());
            List<Completion> drawn = new ArrayList<>(request.count());
            for (int i = 0; i < request.count(); i++) {
                int c = tempered.draw(random);
                String text = p.candidates().get(c).text();
                drawn.add(new Completion(text, logProbs[c], tokens[p.index()][c]));
            }
            out.add(List.copyOf(drawn));
        }
        return out;
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        double[] out = new double[replies.size()];
        Map<Integer, double[]> byPrompt = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            PromptReply pr = replies.get(i);
            CatalogData.Prompt p = data.require(pr.prompt(), "replies[" + i + "].prompt");
            Integer c = p.byReply().get(pr.reply());
            out[i] = c == null ? Double.NEGATIVE_INFINITY : byPrompt.computeIfAbsent(p.index(), k -> logProbs(p))[c];
        }
        return out;
    }

    @Override
    public List<String> prompts() {
        return data.prompts().stream().map(CatalogData.Prompt::text).toList();
    }

    @Override
    public List<Candidate> candidates(String prompt) {
        return data.require(prompt, "prompt").candidates();
    }

    @Override
    public TrainablePolicy trainable(TrainingSettings settings) {
        return new LogLinearPolicy(this, settings);
    }

    /** Candidate index of an item to train on. @throws InvalidInputException if the reply is not a candidate */
    int candidate(CatalogData.Prompt p, String reply, String field) {
        Integer c = p.byReply().get(reply);
        if (c == null) {
            throw new InvalidInputException(field, "not one of the candidate replies of its prompt in catalog '" + name + "'");
        }
        return c;
    }
}
