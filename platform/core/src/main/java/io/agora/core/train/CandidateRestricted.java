package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.math.LogSpace;
import io.agora.core.random.Tempered;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model that scores any reply (a neural model over characters, say) restricted to another model's finite
 * candidate sets: {@code π_C(y|x) = π(y|x) / Σ_{y'∈C(x)} π(y'|x)} for {@code y} in {@code C(x)}, and 0 outside. So
 * mechanisms and studies written for finite models (EM-DPO's regrets, exact expectations over candidates) run on it
 * unchanged, and a trainable one trains the whole model through {@link CandidateObjective}. Preference losses are
 * unchanged by the restriction (the normalizer cancels within a prompt); values and regrets are those of the policy
 * over the candidates.
 */
public class CandidateRestricted implements LanguageModel {
    final LanguageModel model;
    final LanguageModel candidates;

    CandidateRestricted(LanguageModel model, LanguageModel candidates) {
        this.model = model;
        this.candidates = candidates;
    }

    /**
     * {@code model} itself when it is finite, else {@code model} restricted to {@code candidates}' sets.
     *
     * @param field the option or parameter that named the candidate model, for errors
     * @throws InvalidInputException if {@code model} cannot score replies or {@code candidates} is not finite
     */
    public static LanguageModel of(LanguageModel model, LanguageModel candidates, String field) {
        if (model.capabilities().finite()) {
            return model;
        }
        if (!model.capabilities().score()) {
            throw new InvalidInputException(field, "model '" + model.name() + "' only samples; restricting it to candidate sets needs scoring");
        }
        if (candidates == null || !candidates.capabilities().finite()) {
            throw new InvalidInputException(field, "model '" + model.name() + "' has no finite candidate sets, so it needs a finite model to "
                    + "take them from" + (candidates == null ? "" : "; '" + candidates.name() + "' is not one"));
        }
        return new CandidateRestricted(model, candidates);
    }

    @Override
    public String name() {
        return model.name() + "@" + candidates.name();
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, model.capabilities().trainable(), true);
    }

    @Override
    public List<String> prompts() {
        return candidates.prompts();
    }

    @Override
    public List<Candidate> candidates(String prompt) {
        return candidates.candidates(prompt);
    }

    /** Per distinct prompt of {@code prompts}: its candidates' restricted log-probabilities, by reply. */
    private Map<String, Map<String, Double>> restricted(List<String> prompts) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (String p : prompts) {
            sets.computeIfAbsent(p, x -> candidates.candidates(x).stream().map(Candidate::text).toList());
        }
        List<PromptReply> all = new ArrayList<>();
        sets.forEach((p, ys) -> ys.forEach(y -> all.add(new PromptReply(p, y))));
        double[] raw = model.score(all);
        Map<String, Map<String, Double>> out = new HashMap<>();
        int at = 0;
        for (Map.Entry<String, List<String>> e : sets.entrySet()) {
            int m = e.getValue().size();
            double logZ = LogSpace.logSumExp(java.util.Arrays.copyOfRange(raw, at, at + m));
            Map<String, Double> byReply = new HashMap<>();
            for (int j = 0; j < m; j++) {
                byReply.put(e.getValue().get(j), raw[at + j] - logZ);
            }
            out.put(e.getKey(), byReply);
            at += m;
        }
        return out;
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        Map<String, Map<String, Double>> lp = restricted(replies.stream().map(PromptReply::prompt).toList());
        double[] out = new double[replies.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lp.get(replies.get(i).prompt()).getOrDefault(replies.get(i).reply(), Double.NEGATIVE_INFINITY);
        }
        return out;
    }

    @Override
    public List<List<Completion>> sample(List<SampleRequest> requests) {
        Map<String, Map<String, Double>> lp = restricted(requests.stream().map(SampleRequest::prompt).toList());
        List<List<Completion>> out = new ArrayList<>();
        for (SampleRequest request : requests) {
            List<String> ys = candidates.candidates(request.prompt()).stream().map(Candidate::text).toList();
            double[] logProbs = ys.stream().mapToDouble(y -> lp.get(request.prompt()).get(y)).toArray();
            Tempered tempered = new Tempered(logProbs, request.temperature());
            SplittableRandom random = new SplittableRandom(request.seed());
            List<Completion> drawn = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                int c = tempered.draw(random);
                drawn.add(new Completion(ys.get(c), logProbs[c], 0));
            }
            out.add(List.copyOf(drawn));
        }
        return out;
    }

    @Override
    public TrainablePolicy trainable(TrainingSettings settings) {
        return new Policy(model.trainable(settings), candidates);
    }

    /** A trainable restricted model: its steps train the whole underlying policy. */
    private static final class Policy extends CandidateRestricted implements TrainablePolicy {
        private final TrainablePolicy policy;

        Policy(TrainablePolicy policy, LanguageModel candidates) {
            super(policy, candidates);
            this.policy = policy;
        }

        @Override
        public double step(Objective objective) {
            return policy.step(new CandidateObjective(objective, p -> candidates.candidates(p).stream().map(Candidate::text).toList()));
        }

        @Override
        public long steps() {
            return policy.steps();
        }

        @Override
        public TrainablePolicy copy() {
            return new Policy(policy.copy(), candidates);
        }

        @Override
        public void save(OutputStream out) throws IOException {
            policy.save(out);
        }

        @Override
        public void load(InputStream in) throws IOException {
            policy.load(in);
        }
    }
}
