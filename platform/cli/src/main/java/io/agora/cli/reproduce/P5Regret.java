package io.agora.cli.reproduce;

import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.core.game.MinMaxRegret;

import java.util.ArrayList;
import java.util.List;

/**
 * Regret per type of deployed policies, as P5 measures it: type i's value of a policy π is its implicit reward
 * {@code E_{y~π}[log π_i(y) − log π_ref(y)]} averaged over prompts, and its regret is that value under its own π_i
 * minus that under π. A mixture's value is the mixture of its members' values.
 */
final class P5Regret {
    /** L[i][j]: type i's value of policy j (type policies first, then any others), over {@code prompts}. */
    static double[][] values(List<? extends LanguageModel> types, List<? extends LanguageModel> policies, LanguageModel reference,
                             List<String> prompts) {
        List<PromptReply> all = new ArrayList<>();
        List<Integer> promptOf = new ArrayList<>();
        for (int x = 0; x < prompts.size(); x++) {
            String p = prompts.get(x);
            for (var c : reference.candidates(p)) {
                all.add(new PromptReply(p, c.text()));
                promptOf.add(x);
            }
        }
        double[] ref = reference.score(all);
        double[][] typeLogs = new double[types.size()][];
        for (int i = 0; i < types.size(); i++) {
            typeLogs[i] = types.get(i).score(all);
        }
        double[][] out = new double[types.size()][policies.size()];
        for (int j = 0; j < policies.size(); j++) {
            double[] lp = policies.get(j).score(all);
            for (int i = 0; i < types.size(); i++) {
                double v = 0;
                for (int n = 0; n < all.size(); n++) {
                    v += Math.exp(lp[n]) * (typeLogs[i][n] - ref[n]);
                }
                out[i][j] = v / prompts.size();
            }
        }
        return out;
    }

    /** Regret of each type under a mixture {@code y} of the type policies, from the K×K values. */
    static double[] ofMixture(double[][] values, double[] y) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = 0;
            for (int j = 0; j < y.length; j++) {
                v += y[j] * values[i][j];
            }
            out[i] = values[i][i] - v;
        }
        return out;
    }

    /** The MMRA mixture of the type policies (uniform regret weights). */
    static double[] mmra(double[][] values) {
        double[] w = new double[values.length];
        java.util.Arrays.fill(w, 1.0);
        return MinMaxRegret.exact(MinMaxRegret.regrets(values, w)).weights();
    }

    private P5Regret() {
    }
}
