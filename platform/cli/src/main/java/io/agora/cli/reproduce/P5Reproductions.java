package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.random.Seeds;
import io.agora.core.train.Bandit;
import io.agora.core.train.EmDpo;
import io.agora.core.train.Ranking;
import io.agora.core.train.TypeRecovery;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The P5 reproductions (EM-DPO and min-max-regret aggregation), one method each; every number comes from seeded draws,
 * so a run is repeatable bit for bit. Each fills a summary and a table and draws its plots through {@link Output}.
 */
final class P5Reproductions {
    private P5Reproductions() {
    }

    /**
     * The bandit of the paper's code: 3 arms, 3 types, 100 users × 100 comparisons, shares (0.2, 0, 0.8), β = 5,
     * a uniform reference, 20 EM steps. Type k's utility is 2 on arm k and 0 elsewhere [RECON: the spec gives the
     * setup, not the rewards]; a comparison is a Bradley–Terry draw between two distinct arms.
     */
    static void bandit(long seed, Output out, PrintStream log) throws IOException {
        double[] shares = {0.2, 0, 0.8};
        int[] truth = Annotators.types(100, shares);
        LanguageModel reference = Bandit.of("bandit", new double[] {1, 1, 1});
        List<String> arms = List.of("0", "1", "2");
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Ranking>> data = new ArrayList<>();
        for (int type : truth) {
            List<Ranking> mine = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                mine.add(Annotators.rank("bandit", Annotators.show(arms, 2, random), y -> Integer.parseInt(y) == type ? 2 : 0, random));
            }
            data.add(mine);
        }
        EmDpo.Result em = EmDpo.run(data, reference, new EmDpo.Settings(3, 5, 20, 50, EmDpo.Init.KMEANS, TrainingSettings.adam(0.05, seed)));
        int[] match = TypeRecovery.matching(em.gamma(), truth);
        double[] eta = new double[3];
        ObjectNode summary = out.summary();
        ArrayNode policies = summary.putArray("policies");
        for (int k = 0; k < 3; k++) {
            eta[match[k]] += em.eta()[k];
        }
        for (int k = 0; k < 3; k++) {
            ObjectNode p = policies.addObject().put("learned", k).put("matchedType", match[k]).put("share", em.eta()[k]);
            double[] probs = ((Bandit) em.policies().get(k)).probabilities();
            ArrayNode armProbs = p.putArray("armProbabilities");
            for (double v : probs) {
                armProbs.add(v);
            }
        }
        double error = 0;
        ArrayNode etaNode = summary.putArray("shares");
        for (int t = 0; t < 3; t++) {
            etaNode.addObject().put("type", t).put("true", shares[t]).put("estimated", eta[t]);
            error += Math.abs(eta[t] - shares[t]);
        }
        summary.put("typeAccuracy", TypeRecovery.accuracy(em.gamma(), truth)).put("shareL1Error", error);
        ArrayNode ll = summary.putArray("logLikelihoodPerEmStep");
        double[] steps = new double[em.logLikelihoods().length];
        for (int s = 0; s < steps.length; s++) {
            ll.add(em.logLikelihoods()[s]);
            steps[s] = s + 1;
            out.row("emStep", s + 1, "logLikelihood", em.logLikelihoods()[s]);
        }
        out.plot("log-likelihood", "EM-DPO on the bandit: log-likelihood of the data", "EM step", "log-likelihood", false,
                "EM-DPO (K = 3)", steps, em.logLikelihoods());
        log.printf("p5-bandit: type accuracy %.3f, shares %s (true 0.2, 0, 0.8), L1 error %.3f%n",
                TypeRecovery.accuracy(em.gamma(), truth), java.util.Arrays.toString(eta), error);
    }

    /**
     * Identifiability: type recovery from binary comparisons against ternary rankings at an equal budget of replies
     * read (an annotator reads 3q replies: q ternary rankings, or 3q/2 pairs), for q = 2..16 and {@code seeds} seeds.
     * Three types on 3 arms with cyclic tastes (0 > 1 > 2, 1 > 2 > 0, 2 > 0 > 1) and shares (0.2, 0.3, 0.5): their
     * pairwise preferences are balanced across the population, the case the paper says pairs cannot resolve.
     */
    static void identifiability(long seed, int seeds, Output out, PrintStream log) throws IOException {
        double[][] utility = {{2, 1, 0}, {0, 2, 1}, {1, 0, 2}};
        double[] shares = {0.2, 0.3, 0.5};
        int[] truth = Annotators.types(100, shares);
        LanguageModel reference = Bandit.of("bandit", new double[] {1, 1, 1});
        List<String> arms = List.of("0", "1", "2");
        int[] budgets = {2, 4, 8, 16};
        double[][] accuracy = new double[2][budgets.length];
        double[][] shareError = new double[2][budgets.length];
        for (int b = 0; b < budgets.length; b++) {
            for (int kind = 0; kind < 2; kind++) { // 0: binary, 1: ternary
                for (int s = 0; s < seeds; s++) {
                    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, b, s));
                    List<List<Ranking>> data = new ArrayList<>();
                    for (int type : truth) {
                        List<Ranking> mine = new ArrayList<>();
                        int queries = kind == 0 ? budgets[b] * 3 / 2 : budgets[b];
                        for (int i = 0; i < queries; i++) {
                            mine.add(Annotators.rank("bandit", Annotators.show(arms, kind == 0 ? 2 : 3, random),
                                    y -> utility[type][Integer.parseInt(y)], random));
                        }
                        data.add(mine);
                    }
                    EmDpo.Result em = EmDpo.run(data, reference, new EmDpo.Settings(3, 1, 20, 30, EmDpo.Init.KMEANS,
                            TrainingSettings.adam(0.05, Seeds.derive(seed, b, s, kind))));
                    double acc = TypeRecovery.accuracy(em.gamma(), truth);
                    int[] match = TypeRecovery.matching(em.gamma(), truth);
                    double err = 0;
                    double[] eta = new double[3];
                    for (int k = 0; k < 3; k++) {
                        eta[match[k]] += em.eta()[k];
                    }
                    for (int t = 0; t < 3; t++) {
                        err += Math.abs(eta[t] - shares[t]);
                    }
                    accuracy[kind][b] += acc / seeds;
                    shareError[kind][b] += err / seeds;
                    out.row("repliesRead", 3 * budgets[b], "comparisons", kind == 0 ? "binary" : "ternary", "seed", s,
                            "typeAccuracy", acc, "shareL1Error", err);
                }
            }
        }
        double[] read = new double[budgets.length];
        ArrayNode table = out.summary().put("seeds", seeds).putArray("byBudget");
        for (int b = 0; b < budgets.length; b++) {
            read[b] = 3 * budgets[b];
            table.addObject().put("repliesRead", read[b]).put("binaryAccuracy", accuracy[0][b]).put("ternaryAccuracy", accuracy[1][b])
                    .put("binaryShareL1Error", shareError[0][b]).put("ternaryShareL1Error", shareError[1][b]);
            log.printf("p5-identifiability: %3.0f replies read: accuracy binary %.3f, ternary %.3f; share error binary %.3f, ternary %.3f%n",
                    read[b], accuracy[0][b], accuracy[1][b], shareError[0][b], shareError[1][b]);
        }
        out.plot("type-accuracy", "Type recovery: binary pairs against ternary rankings", "replies read per annotator",
                "best-permutation accuracy of argmax γ", true, "binary", read, accuracy[0], "ternary", read, accuracy[1]);
        out.plot("share-error", "Error of the estimated type shares", "replies read per annotator", "L1 error of η", true,
                "binary", read, shareError[0], "ternary", read, shareError[1]);
    }

    /**
     * Regret per type on a finite model (the catalog by default): three types that prefer positive sentiment, short
     * replies and on-topic replies, with shares (0.5, 0.3, 0.2); 150 annotators each rank 3 replies of a random
     * prompt 30 times. Single DPO (K = 1), EM-DPO deployed as its share-weighted mixture, and the MMRA mixture; each
     * type's regret is measured against its own EM policy, over the prompts in the data. {@code prompts} limits the
     * data to the model's first prompts (0: all), and {@code mSteps} sets the optimizer steps per M-step (single DPO
     * takes ten times as many) and {@code learningRate} Adam's step size: a neural model trains far slower than the
     * catalog's log-linear policy, and its sequence log-probabilities move far more per step.
     */
    /** Rankings per annotator in {@link #regret}. */
    private static final int RANKINGS = 30;

    static void regret(LanguageModel model, long seed, int prompts, int mSteps, double learningRate, Output out, PrintStream log) throws IOException {
        String[] names = {"positive", "short", "on-topic"};
        double[] shares = {0.5, 0.3, 0.2};
        int[] truth = Annotators.types(150, shares);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> every = model.prompts();
        List<String> shown = prompts == 0 ? every : every.subList(0, Math.min(prompts, every.size()));
        List<List<Ranking>> data = new ArrayList<>();
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (int type : truth) {
            List<Ranking> mine = new ArrayList<>();
            for (int i = 0; i < RANKINGS; i++) {
                String prompt = shown.get(random.nextInt(shown.size()));
                used.add(prompt);
                List<Candidate> candidates = model.candidates(prompt);
                List<String> texts = candidates.stream().map(Candidate::text).toList();
                mine.add(Annotators.rank(prompt, Annotators.show(texts, 3, random), y -> utility(type, candidates, y), random));
            }
            data.add(mine);
        }
        TrainingSettings training = TrainingSettings.adam(learningRate, seed);
        EmDpo.Result em = EmDpo.run(data, model, new EmDpo.Settings(3, 1, 10, mSteps, EmDpo.Init.KMEANS, training));
        EmDpo.Result single = EmDpo.run(data, model, new EmDpo.Settings(1, 1, 1, 10 * mSteps, EmDpo.Init.KMEANS, training));
        List<TrainablePolicy> both = new ArrayList<>(em.policies());
        both.add(single.policies().get(0));
        double[][] all = P5Regret.values(em.policies(), both, model, List.copyOf(used));
        double[][] values = new double[3][3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(all[i], 0, values[i], 0, 3);
        }
        double[] singleRegret = new double[3];
        for (int i = 0; i < 3; i++) {
            singleRegret[i] = values[i][i] - all[i][3];
        }
        double[] sharesMix = P5Regret.ofMixture(values, em.eta());
        double[] mmraMix = P5Regret.ofMixture(values, P5Regret.mmra(values));
        int[] match = TypeRecovery.matching(em.gamma(), truth);
        ObjectNode summary = out.summary().put("typeAccuracy", TypeRecovery.accuracy(em.gamma(), truth)).put("model", model.name())
                .put("prompts", used.size()).put("mSteps", mSteps).put("learningRate", learningRate);
        ArrayNode rows = summary.putArray("regretPerLearnedType");
        double[] x = {0, 1, 2};
        for (int k = 0; k < 3; k++) {
            rows.addObject().put("learnedType", k).put("matchedType", names[match[k]]).put("share", em.eta()[k])
                    .put("singleDpo", singleRegret[k]).put("emDpoShares", sharesMix[k]).put("mmra", mmraMix[k]);
            out.row("learnedType", k, "matchedType", names[match[k]], "singleDpo", singleRegret[k], "emDpoShares", sharesMix[k], "mmra", mmraMix[k]);
        }
        String[] methods = {"singleDpo", "emDpoShares", "mmra"};
        double[][] regrets = {singleRegret, sharesMix, mmraMix};
        for (int m = 0; m < methods.length; m++) {
            summary.put(methods[m] + "MaxRegret", java.util.Arrays.stream(regrets[m]).max().orElseThrow())
                    .put(methods[m] + "MeanRegret", java.util.Arrays.stream(regrets[m]).average().orElseThrow());
        }
        out.plot("regret-per-type", "Regret per learned type on " + model.name(), "learned type", "regret (implicit reward)", false,
                "single DPO", x, singleRegret, "EM-DPO by shares", x, sharesMix, "MMRA", x, mmraMix);
        log.printf("p5-regret on %s: max regret single DPO %.4f, EM-DPO by shares %.4f, MMRA %.4f; type accuracy %.3f%n", model.name(),
                summary.get("singleDpoMaxRegret").asDouble(), summary.get("emDpoSharesMaxRegret").asDouble(), summary.get("mmraMaxRegret").asDouble(),
                summary.get("typeAccuracy").asDouble());
    }

    private static double utility(int type, List<Candidate> candidates, String reply) {
        Candidate c = candidates.stream().filter(x -> x.text().equals(reply)).findFirst().orElseThrow();
        return switch (type) {
            case 0 -> 2.0 * c.attribute("sentiment");
            case 1 -> -0.15 * c.attribute("words");
            default -> 3.0 * c.attribute("onTopic");
        };
    }
}
