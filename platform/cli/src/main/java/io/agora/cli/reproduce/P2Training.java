package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.core.online.Aggregator;
import io.agora.core.online.Labelers;
import io.agora.core.online.OnlineWeights;
import io.agora.core.random.Seeds;
import io.agora.core.train.Ranking;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * P2's soft labels feeding a trainer: labelers label comparisons of catalog replies, each aggregator turns their
 * reports into soft labels, a policy is trained on each aggregator's labels by soft-label DPO, and the trained
 * policies are compared against {@link Gold}; a comparison's population preference is {@code σ(u(A) − u(B))},
 * its outcome a draw from it, and the labelers' beliefs are the standard population's around it.
 * A soft label {@code P̂} becomes two weighted DPO pairs, A over B with weight {@code P̂} and B over A with
 * {@code 1 − P̂}. The win rate of a policy is the chance that gold prefers its reply to the reference's, exactly
 * over each prompt's candidates, averaged over prompts. {@code dataset.jsonl} holds the online weights' soft labels of
 * the first seed as weighted pairs.
 */
final class P2Training {
    private static final int SLOTS = 4000;
    private static final int STEPS = 100;
    private static final String[] LABELS = {"weighted", "average", "median", "gold"};

    private P2Training() {
    }

    static void run(LanguageModel catalog, long seed, int seeds, Output out, PrintStream log) throws IOException {
        List<String> prompts = catalog.prompts();
        Labelers labelers = Labelers.standard(8);
        double[][] winRate = new double[LABELS.length][seeds];
        List<Ranking> exported = List.of();
        for (int s = 0; s < seeds; s++) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, s));
            List<Ranking> forward = new ArrayList<>();
            List<double[]> softLabels = new ArrayList<>(); // per slot: weighted, average, median, gold (q)
            OnlineWeights weights = new OnlineWeights(8, OnlineWeights.defaultEta(8, SLOTS), OnlineWeights.Loss.BRIER, OnlineWeights.Update.LINEAR);
            boolean[] all = OnlineWeights.all(8);
            for (int t = 0; t < SLOTS; t++) {
                String prompt = prompts.get(random.nextInt(prompts.size()));
                List<Candidate> candidates = catalog.candidates(prompt);
                int a = random.nextInt(candidates.size());
                int b = (a + 1 + random.nextInt(candidates.size() - 1)) % candidates.size();
                double q = 1 / (1 + Math.exp(-(Gold.utility(candidates.get(a)) - Gold.utility(candidates.get(b)))));
                double outcome = random.nextDouble() < q ? 1 : 0;
                double[] p = new double[8];
                for (int i = 0; i < 8; i++) {
                    p[i] = Labelers.belief(q, labelers.noise()[i], labelers.bias()[i], random);
                }
                softLabels.add(new double[] {Aggregator.WEIGHTED.aggregate(weights, p, all), Aggregator.AVERAGE.aggregate(weights, p, all),
                        Aggregator.MEDIAN.aggregate(weights, p, all), q});
                weights.update(p, all, outcome);
                forward.add(Ranking.pair(prompt, candidates.get(a).text(), candidates.get(b).text()));
            }
            for (int k = 0; k < LABELS.length; k++) {
                List<Ranking> pairs = softPairs(forward, softLabels, k);
                winRate[k][s] = Gold.winRate(catalog, Dpo.train(catalog, pairs, STEPS, 0.005, seed), prompts);
                if (s == 0 && k == 0) {
                    exported = pairs;
                }
            }
        }
        // The online weights' soft labels of the first seed, as weighted pairs: a dataset to train on elsewhere.
        out.dataset("dataset.jsonl", exported);
        ObjectNode summary = out.summary().put("slots", SLOTS).put("steps", STEPS).put("seeds", seeds)
                .put("referenceWinRate", 0.5);
        ObjectNode rates = summary.putObject("winRateAgainstReference");
        for (int k = 0; k < LABELS.length; k++) {
            double mean = Arrays.stream(winRate[k]).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(winRate[k]).map(w -> (w - mean) * (w - mean)).sum() / Math.max(1, seeds - 1));
            rates.putObject(LABELS[k]).put("mean", mean).put("sd", sd);
            out.row("labels", LABELS[k], "meanWinRate", mean, "sdWinRate", sd);
        }
        log.printf("p2-training: win rate against the reference of a policy trained on soft labels: online weights %.4f, average %.4f, "
                        + "median %.4f, gold %.4f%n", rates.get("weighted").get("mean").asDouble(), rates.get("average").get("mean").asDouble(),
                rates.get("median").get("mean").asDouble(), rates.get("gold").get("mean").asDouble());
    }

    /** The soft labels of column {@code k} as weighted pairs: A over B with weight {@code P̂}, B over A with {@code 1 − P̂}. */
    private static List<Ranking> softPairs(List<Ranking> forward, List<double[]> softLabels, int k) {
        List<Ranking> pairs = new ArrayList<>();
        for (int t = 0; t < forward.size(); t++) {
            Ranking ab = forward.get(t);
            double label = softLabels.get(t)[k];
            pairs.add(ab.withWeight(label));
            pairs.add(Ranking.pair(ab.prompt(), ab.replies().get(1), ab.replies().get(0)).withWeight(1 - label));
        }
        return pairs;
    }
}
