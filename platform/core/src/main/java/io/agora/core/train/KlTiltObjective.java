package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;

import java.util.ArrayList;
import java.util.List;

/**
 * The KL-regularized reward objective over whole candidate sets: for each prompt with candidates {@code Y},
 * rewards {@code R} and reference {@code q},
 * <pre>
 * loss = −(1/P) Σ_prompts [ Σ_y π(y)·R(y) − λ·KL(π ‖ q) ]
 * </pre>
 * whose minimum is the closed-form tilt {@code π*(y) ∝ q(y)·exp(R(y)/λ)}; training a parametric policy on it moves
 * the policy toward that tilt as far as its parameters allow. The items of each prompt must be its whole candidate
 * set, so that {@code π} over them sums to 1.
 */
public final class KlTiltObjective implements Objective {
    private final List<PromptReply> items;
    private final double[] rewards;
    private final double[] referenceLogProbs;
    private final int prompts;
    private final double lambda;

    private KlTiltObjective(List<PromptReply> items, double[] rewards, double[] referenceLogProbs, int prompts, double lambda) {
        this.items = items;
        this.rewards = rewards;
        this.referenceLogProbs = referenceLogProbs;
        this.prompts = prompts;
        this.lambda = lambda;
    }

    /** One prompt's candidate set: replies, rewards and reference log-probabilities, index by index. */
    public record CandidateSet(String prompt, List<String> replies, double[] rewards, double[] referenceLogProbs) {
    }

    /**
     * @param sets   at least one candidate set
     * @param lambda the KL weight λ, greater than 0
     */
    public static KlTiltObjective of(List<CandidateSet> sets, double lambda) {
        if (sets.isEmpty()) {
            throw new InvalidInputException("sets", "at least one candidate set is needed");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new InvalidInputException("lambda", "must be a finite number greater than 0, got " + lambda);
        }
        List<PromptReply> items = new ArrayList<>();
        List<double[]> rewards = new ArrayList<>();
        List<double[]> refs = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            CandidateSet s = sets.get(i);
            int m = s.replies().size();
            if (s.rewards().length != m || s.referenceLogProbs().length != m) {
                throw new InvalidInputException("sets[" + i + "]", "rewards and referenceLogProbs need one entry per reply (" + m + ")");
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(s.rewards()[j]) || !Double.isFinite(s.referenceLogProbs()[j])) {
                    throw new InvalidInputException("sets[" + i + "]", "rewards and reference log-probabilities must be finite");
                }
                items.add(new PromptReply(s.prompt(), s.replies().get(j)));
            }
            rewards.add(s.rewards());
            refs.add(s.referenceLogProbs());
        }
        return new KlTiltObjective(List.copyOf(items), concat(rewards), concat(refs), sets.size(), lambda);
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Override
    public List<PromptReply> items() {
        return items;
    }

    @Override
    public double loss(double[] logProbs, double[] gradient) {
        double total = 0;
        for (int i = 0; i < items.size(); i++) {
            double p = Math.exp(logProbs[i]);
            double klTerm = logProbs[i] - referenceLogProbs[i];
            total += p * (lambda * klTerm - rewards[i]);
            // d/dlogπ of π·(λ(logπ − log q) − R) = π·(λ(logπ − log q) − R) + λπ
            gradient[i] = p * (lambda * (klTerm + 1) - rewards[i]) / prompts;
        }
        return total / prompts;
    }
}
