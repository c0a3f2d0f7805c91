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

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The bandit of the EM-DPO paper's code as a language model: one prompt, {@code m} replies ("arms") named
 * {@code "0".."m-1"}, a reference policy over them, and trainable copies that are tables of logits (any distribution
 * over the arms is reachable). Used by tests and by reproductions that want exact, tabular policies.
 */
public final class Bandit implements TrainablePolicy {
    private final String prompt;
    private final double[] referenceLogProbs;
    private final double[] theta;
    private final Adam adam;
    private final List<Candidate> candidates;

    private Bandit(String prompt, double[] referenceLogProbs, double[] theta, Adam adam) {
        this.prompt = prompt;
        this.referenceLogProbs = referenceLogProbs;
        this.theta = theta;
        this.adam = adam;
        List<Candidate> c = new ArrayList<>();
        for (int a = 0; a < referenceLogProbs.length; a++) {
            c.add(new Candidate(Integer.toString(a), Map.of("arm", (double) a)));
        }
        this.candidates = List.copyOf(c);
    }

    /**
     * The reference model of a bandit.
     *
     * @param prompt    the one prompt
     * @param reference positive weights of the arms (normalized here), at least 2
     */
    public static LanguageModel of(String prompt, double[] reference) {
        if (reference.length < 2) {
            throw new InvalidInputException("reference", "a bandit needs at least 2 arms, got " + reference.length);
        }
        double total = 0;
        for (int a = 0; a < reference.length; a++) {
            if (!(reference[a] > 0) || Double.isInfinite(reference[a])) {
                throw new InvalidInputException("reference[" + a + "]", "must be a finite number greater than 0, got " + reference[a]);
            }
            total += reference[a];
        }
        double[] logs = new double[reference.length];
        for (int a = 0; a < logs.length; a++) {
            logs[a] = Math.log(reference[a] / total);
        }
        return new Bandit(prompt, logs, new double[logs.length], null);
    }

    /** The probabilities of the arms. */
    public double[] probabilities() {
        double[] lp = logProbs();
        for (int a = 0; a < lp.length; a++) {
            lp[a] = Math.exp(lp[a]);
        }
        return lp;
    }

    private double[] logProbs() {
        double[] s = new double[theta.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = referenceLogProbs[a] + theta[a];
        }
        double logZ = LogSpace.logSumExp(s);
        for (int a = 0; a < s.length; a++) {
            s[a] -= logZ;
        }
        return s;
    }

    private int arm(PromptReply r, String field) {
        if (!prompt.equals(r.prompt())) {
            throw new InvalidInputException(field + ".prompt", "this bandit only has the prompt '" + prompt + "'");
        }
        try {
            int a = Integer.parseInt(r.reply());
            if (a >= 0 && a < theta.length && r.reply().equals(Integer.toString(a))) {
                return a;
            }
        } catch (NumberFormatException e) {
            // not an arm; refused below
        }
        return -1;
    }

    @Override
    public String name() {
        return "bandit";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true);
    }

    @Override
    public List<List<Completion>> sample(List<SampleRequest> requests) {
        double[] lp = logProbs();
        List<List<Completion>> out = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            SampleRequest q = requests.get(r);
            if (!prompt.equals(q.prompt())) {
                throw new InvalidInputException("requests[" + r + "].prompt", "this bandit only has the prompt '" + prompt + "'");
            }
            Tempered tempered = new Tempered(lp, q.temperature());
            SplittableRandom random = new SplittableRandom(q.seed());
            List<Completion> drawn = new ArrayList<>();
            for (int i = 0; i < q.count(); i++) {
                int a = tempered.draw(random);
                drawn.add(new Completion(Integer.toString(a), lp[a], 1));
            }
            out.add(List.copyOf(drawn));
        }
        return out;
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        double[] lp = logProbs();
        double[] out = new double[replies.size()];
        for (int i = 0; i < out.length; i++) {
            int a = arm(replies.get(i), "replies[" + i + "]");
            out[i] = a < 0 ? Double.NEGATIVE_INFINITY : lp[a];
        }
        return out;
    }

    @Override
    public List<String> prompts() {
        return List.of(prompt);
    }

    @Override
    public List<Candidate> candidates(String p) {
        if (!prompt.equals(p)) {
            throw new InvalidInputException("prompt", "this bandit only has the prompt '" + prompt + "'");
        }
        return candidates;
    }

    @Override
    public TrainablePolicy trainable(TrainingSettings settings) {
        return new Bandit(prompt, referenceLogProbs, theta.clone(), new Adam(settings, theta.length));
    }

    @Override
    public double step(Objective objective) {
        trainable();
        List<PromptReply> items = objective.items();
        double[] lp = logProbs();
        double[] at = new double[items.size()];
        int[] arms = new int[items.size()];
        for (int i = 0; i < at.length; i++) {
            arms[i] = arm(items.get(i), "items[" + i + "]");
            if (arms[i] < 0) {
                throw new InvalidInputException("items[" + i + "].reply", "not an arm of this bandit (0.." + (theta.length - 1) + ")");
            }
            at[i] = lp[arms[i]];
        }
        double[] g = new double[at.length];
        double loss = objective.loss(at, g);
        // ∂ log π(a)/∂θ_b = [a == b] − π(b)
        double[] grad = new double[theta.length];
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            grad[arms[i]] += g[i];
            sum += g[i];
        }
        for (int b = 0; b < grad.length; b++) {
            grad[b] -= sum * Math.exp(lp[b]);
        }
        trainable().step(theta, grad);
        return loss;
    }

    @Override
    public long steps() {
        return adam == null ? 0 : adam.steps();
    }

    @Override
    public TrainablePolicy copy() {
        return new Bandit(prompt, referenceLogProbs, theta.clone(), adam == null ? null : adam.copy());
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        trainable().saveWith(theta, data);
        data.flush();
    }

    @Override
    public void load(InputStream in) throws IOException {
        trainable().loadWith(theta, new DataInputStream(in));
    }

    private Adam trainable() {
        if (adam == null) {
            throw new UnsupportedOperationException("the bandit's reference has no training state; use a trainable copy");
        }
        return adam;
    }
}
