package io.agora.cli.reproduce;

import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.PastRound;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundContext;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.core.random.Seeds;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginHost;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A strategic annotator in an em-dpo market, through the installed plugins: twelve annotators of three types (positive,
 * short, on-topic replies; four each) rank all 8 candidates of the catalog's first prompt every round, by a
 * Plackett–Luce draw over their type's utilities. One on-topic annotator either reports truthfully or plays
 * {@code pull-ranking}. Its gain is the difference in its true expected utility of the policy deployed after the last
 * round, per seed, with the same draws in both arms.
 */
final class P5Strategic {
    private static final int ANNOTATORS = 12;
    private static final int ROUNDS = 5;

    private P5Strategic() {
    }

    static void run(PluginHost host, long seed, int seeds, Output out, PrintStream log) throws IOException {
        Map<String, Object> params = Map.of("model", "catalog", "types", 3, "emSteps", 3, "mSteps", 10, "learningRate", 0.005);
        LanguageModel catalog = host.languageModels().model("catalog", "model");
        String prompt = catalog.prompts().get(0);
        List<Candidate> candidates = catalog.candidates(prompt);
        int m = candidates.size();
        Policy reference = Policy.ofLogWeights(catalog.score(candidates.stream().map(c -> new PromptReply(prompt, c.text())).toList()));
        double[][] utility = new double[3][m];
        for (int y = 0; y < m; y++) {
            Candidate c = candidates.get(y);
            utility[0][y] = 2.0 * c.attribute("sentiment");
            utility[1][y] = -0.15 * c.attribute("words");
            utility[2][y] = 3.0 * c.attribute("onTopic");
        }
        double[] gains = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            double truthful = play(host, params, reference, utility, Seeds.derive(seed, s), false);
            double pulling = play(host, params, reference, utility, Seeds.derive(seed, s), true);
            gains[s] = pulling - truthful;
            out.row("seed", s, "truthfulUtility", truthful, "pullRankingUtility", pulling, "gain", gains[s]);
        }
        double mean = java.util.Arrays.stream(gains).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(gains).map(g -> (g - mean) * (g - mean)).sum() / Math.max(1, seeds - 1));
        long positive = java.util.Arrays.stream(gains).filter(g -> g > 0).count();
        out.summary().put("seeds", seeds).put("meanGain", mean).put("stderrGain", sd / Math.sqrt(seeds)).put("seedsWithAGain", positive);
        double[] x = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            x[s] = s;
        }
        out.plot("gain-per-seed", "pull-ranking against truthful ranking (one on-topic annotator)", "seed", "gain in true expected utility", false,
                "gain", x, gains);
        log.printf("p5-strategic: mean gain of pull-ranking %.4f ± %.4f (stderr) over %d seeds; a gain in %d%n", mean, sd / Math.sqrt(seeds), seeds, positive);
    }

    /** The strategic annotator's true expected utility of the last deployed policy. */
    private static double play(PluginHost host, Map<String, Object> params, Policy reference, double[][] utility, long seed, boolean pull) {
        GuardedMechanism market = GuardedMechanism.open(host.mechanism("em-dpo", "mechanism"), params,
                MechanismContext.of("p5-strategic", seed, Map.of(io.agora.api.lm.LanguageModels.class, host.languageModels())));
        GuardedStrategy strategic = GuardedStrategy.prepare(host.strategy(pull ? "pull-ranking" : "truthful", "strategy"), Map.of()).create(seed);
        int m = reference.size();
        SplittableRandom random = new SplittableRandom(seed);
        List<PastRound> history = new ArrayList<>();
        RoundResult last = null;
        for (int r = 1; r <= ROUNDS; r++) {
            List<Report> reports = new ArrayList<>();
            Report strategicType = null;
            for (int a = 0; a < ANNOTATORS; a++) {
                int type = a % 3 == 2 ? 2 : a % 3; // annotator 2 is the on-topic one that may be strategic
                Report t = Report.builder("a" + a).ranking("ranking", rank(utility[type], random)).text("annotator", "a" + a).build();
                if (a == 2) {
                    strategicType = t;
                    RoundContext context = new RoundContext("em-dpo", r, OutcomeSpace.of(m), reference, market.reportShape(), history, java.util.Optional.empty());
                    reports.add(strategic.report(t, context));
                } else {
                    reports.add(t);
                }
            }
            RoundInput input = new RoundInput(r, OutcomeSpace.of(m), reference, reports);
            last = market.clear(input);
            market.settle(new RoundRecord(input, last, Map.of(), java.util.Set.of()));
            history.add(new PastRound(r, strategicType, reports.get(2), last.policy(), 0, 0));
        }
        double u = 0;
        for (int y = 0; y < m; y++) {
            u += last.policy().prob(y) * utility[2][y];
        }
        return u;
    }

    /** A Plackett–Luce order of all outcomes under {@code utility}. */
    private static int[] rank(double[] utility, SplittableRandom random) {
        List<String> all = new ArrayList<>();
        for (int y = 0; y < utility.length; y++) {
            all.add(Integer.toString(y));
        }
        return Annotators.rank("", all, y -> utility[Integer.parseInt(y)], random).replies().stream().mapToInt(Integer::parseInt).toArray();
    }
}
