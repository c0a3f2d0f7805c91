package io.agora.core.train;

import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** A test's bandit: one prompt, arms named "0".."m-1", a uniform reference, a table of logits trained with Adam. */
final class TabularPolicy implements TrainablePolicy {
    static final String PROMPT = "bandit";
    private final int arms;
    private final double[] theta;
    private final Adam adam;

    TabularPolicy(int arms, TrainingSettings settings) {
        this.arms = arms;
        this.theta = new double[arms];
        this.adam = settings == null ? null : new Adam(settings, arms);
    }

    /** The reference: uniform, not trainable itself but giving trainable copies. */
    static LanguageModel reference(int arms) {
        TabularPolicy ref = new TabularPolicy(arms, null);
        return new LanguageModel() {
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
                throw new UnsupportedOperationException();
            }

            @Override
            public double[] score(List<PromptReply> replies) {
                return ref.score(replies);
            }

            @Override
            public TrainablePolicy trainable(TrainingSettings settings) {
                return new TabularPolicy(arms, settings);
            }
        };
    }

    double[] probabilities() {
        double logZ = io.agora.core.math.LogSpace.logSumExp(theta);
        double[] p = new double[arms];
        for (int a = 0; a < arms; a++) {
            p[a] = Math.exp(theta[a] - logZ);
        }
        return p;
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
        throw new UnsupportedOperationException();
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        double logZ = io.agora.core.math.LogSpace.logSumExp(theta);
        return replies.stream().mapToDouble(r -> theta[Integer.parseInt(r.reply())] - logZ).toArray();
    }

    @Override
    public double step(Objective objective) {
        double[] lp = score(objective.items());
        double[] g = new double[lp.length];
        double loss = objective.loss(lp, g);
        double[] p = probabilities();
        double[] grad = new double[arms];
        for (int i = 0; i < g.length; i++) {
            int y = Integer.parseInt(objective.items().get(i).reply());
            for (int a = 0; a < arms; a++) {
                grad[a] += g[i] * ((a == y ? 1 : 0) - p[a]);
            }
        }
        adam.step(theta, grad);
        return loss;
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public TrainablePolicy copy() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save(OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load(InputStream in) {
        throw new UnsupportedOperationException();
    }
}
