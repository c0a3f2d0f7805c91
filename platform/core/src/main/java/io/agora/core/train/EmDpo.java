package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.math.LogSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * EM-DPO: K policies for K latent annotator types, learned from rankings that each annotator gives under one type.
 * <pre>
 * init γ (random, or one-hot from k-means of the annotators' preferences: "cluster-DPO"), η = mean_h γ_h, π_k = π_ref
 * repeat emSteps:
 *   M-step: for each k, mSteps optimizer steps of π_k on the γ_·k-weighted DPO / Plackett–Luce loss
 *   E-step: γ_h = softmax_k(log η_k + Σ_{rankings of h} log PL(ranking | β(log π_k − log π_ref))),  η = mean_h γ_h
 * </pre>
 * With K = 1 it is the single-DPO baseline. Deterministic for a seed: the initialisation draws from it, and the
 * policies are trained on one thread.
 */
public final class EmDpo {
    private EmDpo() {
    }

    /** How γ starts. */
    public enum Init {
        /** γ_h drawn uniformly from the simplex. */
        RANDOM,
        /** k-means (k-means++ seeding) of the annotators' preference profiles; γ one-hot on the clusters. */
        KMEANS
    }

    /**
     * @param types        K, at least 1
     * @param beta         DPO's β, greater than 0
     * @param emSteps      EM iterations, at least 1
     * @param mSteps       optimizer steps per policy per M-step, at least 1
     * @param init         how γ starts
     * @param training     the optimizer of every policy
     */
    public record Settings(int types, double beta, int emSteps, int mSteps, Init init, TrainingSettings training) {
        /** Checks the ranges. */
        public Settings {
            if (types < 1) {
                throw new InvalidInputException("types", "must be at least 1, got " + types);
            }
            if (!(beta > 0) || Double.isInfinite(beta)) {
                throw new InvalidInputException("beta", "must be a finite number greater than 0, got " + beta);
            }
            if (emSteps < 1 || mSteps < 1) {
                throw new InvalidInputException(emSteps < 1 ? "emSteps" : "mSteps", "must be at least 1");
            }
        }
    }

    /**
     * What EM learned.
     *
     * @param policies       π_1..π_K
     * @param gamma          posteriors, one row per annotator
     * @param eta            type shares
     * @param logLikelihoods the data's log-likelihood under the mixture after each E-step
     */
    public record Result(List<TrainablePolicy> policies, double[][] gamma, double[] eta, double[] logLikelihoods) {
    }

    /**
     * Runs EM-DPO.
     *
     * @param annotators each annotator's rankings (weights are ignored: EM sets them), at least one annotator with at
     *                   least one ranking
     * @param reference  the reference model π_ref; scores the replies and gives the trainable copies
     */
    public static Result run(List<List<Ranking>> annotators, LanguageModel reference, Settings settings) {
        if (annotators.isEmpty() || annotators.stream().anyMatch(List::isEmpty)) {
            throw new InvalidInputException("annotators", "every annotator needs at least one ranking");
        }
        int h = annotators.size();
        int k = settings.types();
        List<Ranking> all = new ArrayList<>();
        int[] owner = new int[annotators.stream().mapToInt(List::size).sum()];
        for (int a = 0; a < h; a++) {
            for (Ranking r : annotators.get(a)) {
                owner[all.size()] = a;
                all.add(r.withWeight(1));
            }
        }
        List<double[]> refs = referenceLogProbs(all, reference);
        PreferenceObjective unweighted = PreferenceObjective.of(all, refs, settings.beta());
        SplittableRandom random = new SplittableRandom(settings.training().seed());
        double[][] gamma = settings.init() == Init.KMEANS ? KMeans.oneHot(profiles(annotators, unweighted), k, random)
                : randomGamma(h, k, random);
        double[] eta = shares(gamma);
        List<TrainablePolicy> policies = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            policies.add(reference.trainable(settings.training()));
        }
        double[] logLikelihoods = new double[settings.emSteps()];
        for (int step = 0; step < settings.emSteps(); step++) {
            for (int t = 0; t < k; t++) {
                List<Ranking> weighted = new ArrayList<>(all.size());
                for (int i = 0; i < all.size(); i++) {
                    weighted.add(all.get(i).withWeight(gamma[owner[i]][t]));
                }
                PreferenceObjective objective = PreferenceObjective.of(weighted, refs, settings.beta());
                for (int m = 0; m < settings.mSteps(); m++) {
                    policies.get(t).step(objective);
                }
            }
            double[][] perAnnotator = new double[h][k];
            for (int t = 0; t < k; t++) {
                double[] ll = unweighted.logLikelihoods(policies.get(t).score(unweighted.items()));
                for (int i = 0; i < ll.length; i++) {
                    perAnnotator[owner[i]][t] += ll[i];
                }
            }
            double total = 0;
            for (int a = 0; a < h; a++) {
                double[] logPost = new double[k];
                for (int t = 0; t < k; t++) {
                    logPost[t] = Math.log(eta[t]) + perAnnotator[a][t];
                }
                double logZ = LogSpace.logSumExp(logPost);
                total += logZ;
                for (int t = 0; t < k; t++) {
                    gamma[a][t] = Math.exp(logPost[t] - logZ);
                }
            }
            eta = shares(gamma);
            logLikelihoods[step] = total;
        }
        return new Result(List.copyOf(policies), gamma, eta, logLikelihoods);
    }

    private static List<double[]> referenceLogProbs(List<Ranking> rankings, LanguageModel reference) {
        List<PromptReply> items = new ArrayList<>();
        for (Ranking r : rankings) {
            r.replies().forEach(y -> items.add(new PromptReply(r.prompt(), y)));
        }
        double[] scored = reference.score(items);
        List<double[]> out = new ArrayList<>(rankings.size());
        int at = 0;
        for (Ranking r : rankings) {
            int n = r.replies().size();
            double[] ref = new double[n];
            System.arraycopy(scored, at, ref, 0, n);
            at += n;
            out.add(ref);
        }
        return out;
    }

    /**
     * An annotator's preference profile for k-means: per (prompt, reply), the mean over its rankings of the reply's
     * position score, +1 for first down to −1 for last.
     */
    private static double[][] profiles(List<List<Ranking>> annotators, PreferenceObjective all) {
        Map<PromptReply, Integer> index = new HashMap<>();
        for (PromptReply item : all.items()) {
            index.putIfAbsent(item, index.size());
        }
        double[][] out = new double[annotators.size()][index.size()];
        for (int a = 0; a < annotators.size(); a++) {
            for (Ranking r : annotators.get(a)) {
                int n = r.replies().size();
                for (int s = 0; s < n; s++) {
                    out[a][index.get(new PromptReply(r.prompt(), r.replies().get(s)))] += (n - 1 - 2.0 * s) / (n - 1) / annotators.get(a).size();
                }
            }
        }
        return out;
    }

    private static double[][] randomGamma(int h, int k, SplittableRandom random) {
        double[][] gamma = new double[h][k];
        for (double[] row : gamma) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                row[t] = -Math.log(1 - random.nextDouble()); // Dirichlet(1, ..., 1) through normalized exponentials
                sum += row[t];
            }
            for (int t = 0; t < k; t++) {
                row[t] /= sum;
            }
        }
        return gamma;
    }

    private static double[] shares(double[][] gamma) {
        double[] eta = new double[gamma[0].length];
        for (double[] row : gamma) {
            for (int t = 0; t < eta.length; t++) {
                eta[t] += row[t] / gamma.length;
            }
        }
        return eta;
    }
}
