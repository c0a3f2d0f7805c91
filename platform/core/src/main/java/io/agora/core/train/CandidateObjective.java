package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import io.agora.core.math.LogSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An objective over a model restricted to finite candidate sets, restated over the unrestricted model. The
 * restricted log-probability of a candidate is {@code log π(y|x) − log Σ_{y'∈C(x)} π(y'|x)}; this objective's items
 * are every candidate of every prompt the inner objective reads, and its gradient is the inner one chained through
 * that normalization: {@code ∂/∂ log π(y') = Σ_{i: y_i = y'} g_i − softmax(y') · Σ_{i: x_i = x} g_i}.
 */
final class CandidateObjective implements Objective {
    private final Objective inner;
    private final List<PromptReply> items = new ArrayList<>();
    /** Per prompt in order of first use: the range of its candidates in {@link #items}. */
    private final List<int[]> ranges = new ArrayList<>();
    /** Per inner item: its position in {@link #items} and its prompt's range index. */
    private final int[] position;
    private final int[] promptOf;

    CandidateObjective(Objective inner, Function<String, List<String>> candidates) {
        this.inner = inner;
        List<PromptReply> wanted = inner.items();
        position = new int[wanted.size()];
        promptOf = new int[wanted.size()];
        Map<String, Integer> prompts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> index = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            PromptReply item = wanted.get(i);
            Integer p = prompts.get(item.prompt());
            if (p == null) {
                p = ranges.size();
                prompts.put(item.prompt(), p);
                Map<String, Integer> at = new LinkedHashMap<>();
                int from = items.size();
                for (String y : candidates.apply(item.prompt())) {
                    at.put(y, items.size());
                    items.add(new PromptReply(item.prompt(), y));
                }
                ranges.add(new int[] {from, items.size()});
                index.put(item.prompt(), at);
            }
            Integer y = index.get(item.prompt()).get(item.reply());
            if (y == null) {
                throw new InvalidInputException("items[" + i + "].reply", "not one of the candidate replies of its prompt");
            }
            position[i] = y;
            promptOf[i] = p;
        }
    }

    @Override
    public List<PromptReply> items() {
        return items;
    }

    @Override
    public double loss(double[] logProbs, double[] gradient) {
        double[] logZ = new double[ranges.size()];
        for (int p = 0; p < logZ.length; p++) {
            int[] r = ranges.get(p);
            logZ[p] = LogSpace.logSumExp(java.util.Arrays.copyOfRange(logProbs, r[0], r[1]));
        }
        double[] restricted = new double[position.length];
        for (int i = 0; i < restricted.length; i++) {
            restricted[i] = logProbs[position[i]] - logZ[promptOf[i]];
        }
        double[] g = new double[restricted.length];
        double loss = inner.loss(restricted, g);
        java.util.Arrays.fill(gradient, 0, items.size(), 0);
        double[] perPrompt = new double[ranges.size()];
        for (int i = 0; i < g.length; i++) {
            gradient[position[i]] += g[i];
            perPrompt[promptOf[i]] += g[i];
        }
        for (int p = 0; p < perPrompt.length; p++) {
            int[] r = ranges.get(p);
            for (int j = r[0]; j < r[1]; j++) {
                gradient[j] -= Math.exp(logProbs[j] - logZ[p]) * perPrompt[p];
            }
        }
        return loss;
    }
}
