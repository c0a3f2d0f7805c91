package io.agora.core.train;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;

import java.util.ArrayList;
import java.util.List;

/**
 * DPO and its relatives as one loss: the negative log-likelihood of weighted rankings under Plackett–Luce over the
 * policy's implicit rewards {@code r(y) = β·(log π(y|x) − log π_ref(y|x))}.
 *
 * <pre>
 * loss = −(1/N) Σ_rankings w · Σ_{s=1..k−1} [ r(y_s) − log Σ_{l≥s} exp r(y_l) ]
 * </pre>
 * For a pair this is the DPO (Bradley–Terry) loss {@code −w·log σ(r(y_w) − r(y_l))}; weights make the EM M-step's
 * γ-weighted DPO and QA-DPO; rankings of three and more replies are Plackett–Luce. The mean is over the number of
 * rankings N (not their total weight), so that weights scale each ranking's pull as the EM M-step prescribes.
 */
public final class PreferenceObjective implements Objective {
    private final List<PromptReply> items;
    private final double[] referenceLogProbs;
    private final int[] starts;
    private final double[] weights;
    private final double beta;

    private PreferenceObjective(List<PromptReply> items, double[] referenceLogProbs, int[] starts, double[] weights, double beta) {
        this.items = items;
        this.referenceLogProbs = referenceLogProbs;
        this.starts = starts;
        this.weights = weights;
        this.beta = beta;
    }

    /**
     * The loss over {@code rankings}.
     *
     * @param rankings          at least one ranking
     * @param referenceLogProbs per ranking, the reference model's log-probability of each of its replies, in order
     *                          (finite)
     * @param beta              the KL weight β, greater than 0
     */
    public static PreferenceObjective of(List<Ranking> rankings, List<double[]> referenceLogProbs, double beta) {
        if (rankings.isEmpty()) {
            throw new InvalidInputException("rankings", "at least one ranking is needed");
        }
        if (referenceLogProbs.size() != rankings.size()) {
            throw new InvalidInputException("referenceLogProbs", "one array per ranking: " + rankings.size() + ", got " + referenceLogProbs.size());
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new InvalidInputException("beta", "must be a finite number greater than 0, got " + beta);
        }
        List<PromptReply> items = new ArrayList<>();
        int[] starts = new int[rankings.size() + 1];
        double[] weights = new double[rankings.size()];
        List<Double> refs = new ArrayList<>();
        for (int i = 0; i < rankings.size(); i++) {
            Ranking r = rankings.get(i);
            double[] ref = referenceLogProbs.get(i);
            if (ref.length != r.replies().size()) {
                throw new InvalidInputException("referenceLogProbs[" + i + "]", "length " + ref.length + ", expected " + r.replies().size());
            }
            starts[i] = items.size();
            weights[i] = r.weight();
            for (int j = 0; j < ref.length; j++) {
                if (!Double.isFinite(ref[j])) {
                    throw new InvalidInputException("referenceLogProbs[" + i + "][" + j + "]", "must be finite (the reference model must give the reply positive probability), got " + ref[j]);
                }
                items.add(new PromptReply(r.prompt(), r.replies().get(j)));
                refs.add(ref[j]);
            }
        }
        starts[rankings.size()] = items.size();
        return new PreferenceObjective(List.copyOf(items), refs.stream().mapToDouble(Double::doubleValue).toArray(), starts, weights, beta);
    }

    @Override
    public List<PromptReply> items() {
        return items;
    }

    @Override
    public double loss(double[] logProbs, double[] gradient) {
        java.util.Arrays.fill(gradient, 0, items.size(), 0.0);
        double[][] scratch = scratch();
        double total = 0;
        int n = weights.length;
        for (int i = 0; i < n; i++) {
            double w = weights[i] / n;
            total -= w * logLikelihood(i, logProbs, scratch, gradient, -w);
        }
        return total;
    }

    /**
     * Each ranking's Plackett–Luce log-likelihood under the implicit rewards of {@code logProbs}, unweighted: what the
     * EM E-step sums per annotator.
     *
     * @param logProbs one log-probability per {@link #items()} entry
     */
    public double[] logLikelihoods(double[] logProbs) {
        double[][] scratch = scratch();
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logLikelihood(i, logProbs, scratch, null, 0);
        }
        return out;
    }

    /** The number of rankings. */
    public int rankings() {
        return weights.length;
    }

    private double[][] scratch() {
        int longest = 0;
        for (int i = 0; i < weights.length; i++) {
            longest = Math.max(longest, starts[i + 1] - starts[i]);
        }
        return new double[][] {new double[longest], new double[longest]};
    }

    /**
     * Ranking {@code i}'s log-likelihood; when {@code gradient} is given, adds {@code scale} times its derivative with
     * respect to each of its replies' log-probabilities.
     */
    private double logLikelihood(int i, double[] logProbs, double[][] scratch, double[] gradient, double scale) {
        double[] r = scratch[0];
        double[] soft = scratch[1];
        int from = starts[i];
        int k = starts[i + 1] - from;
        for (int j = 0; j < k; j++) {
            r[j] = beta * (logProbs[from + j] - referenceLogProbs[from + j]);
        }
        double ll = 0;
        for (int s = 0; s < k - 1; s++) {
            // Stage s: y_s is chosen among y_s..y_{k-1}; its log-likelihood is r_s − logsumexp(r_s..r_{k-1}).
            double max = Double.NEGATIVE_INFINITY;
            for (int l = s; l < k; l++) {
                max = Math.max(max, r[l]);
            }
            double sum = 0;
            for (int l = s; l < k; l++) {
                soft[l] = Math.exp(r[l] - max);
                sum += soft[l];
            }
            ll += r[s] - (max + Math.log(sum));
            if (gradient != null) {
                // d(stage)/dr_l = [l == s] − softmax_l; dr/dlogπ = β.
                for (int l = s; l < k; l++) {
                    gradient[from + l] += scale * beta * ((l == s ? 1.0 : 0.0) - soft[l] / sum);
                }
            }
        }
        return ll;
    }
}
