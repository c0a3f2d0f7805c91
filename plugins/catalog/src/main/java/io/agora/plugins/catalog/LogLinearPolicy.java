package io.agora.plugins.catalog;

import io.agora.api.lm.Objective;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.math.LogSpace;
import io.agora.core.train.Adam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trainable catalog policy: over each prompt's candidates,
 * <pre>
 * log π_θ(y|x) = log q(y|x) + θ·φ(x,y) − log Σ_y' q(y'|x)·exp(θ·φ(x,y'))
 * </pre>
 * with {@code q} the catalog's reference and {@code φ} the model's {@link Features}; θ starts at 0, so the policy
 * starts equal to the reference. The gradient of {@code log π_θ(y|x)} is {@code φ(x,y) − E_π[φ(x,·)]}; a step
 * chains the objective's gradient through it and takes one {@link Adam} step. Single-threaded (its trainer's).
 */
final class LogLinearPolicy extends CatalogModel implements TrainablePolicy {
    private static final String MAGIC = "agora-catalog-policy/1";
    private final TrainingSettings settings;
    private final double[] theta;
    private final Adam adam;

    LogLinearPolicy(CatalogModel model, TrainingSettings settings) {
        this(model, settings, new double[model.features.size()], new Adam(settings, model.features.size()));
    }

    private LogLinearPolicy(CatalogModel model, TrainingSettings settings, double[] theta, Adam adam) {
        super(model);
        this.settings = settings;
        this.theta = theta;
        this.adam = adam;
    }

    @Override
    double[] logProbs(CatalogData.Prompt p) {
        int m = p.candidates().size();
        double[] s = new double[m];
        for (int c = 0; c < m; c++) {
            double dot = 0;
            for (int f : features.of(p.index(), c)) {
                dot += theta[f];
            }
            s[c] = p.logProbs()[c] + dot;
        }
        double logZ = LogSpace.logSumExp(s);
        for (int c = 0; c < m; c++) {
            s[c] -= logZ;
        }
        return s;
    }

    @Override
    public double step(Objective objective) {
        double[] grad = new double[theta.length];
        double loss = lossAndGradient(objective, grad);
        adam.step(theta, grad);
        return loss;
    }

    /** The objective's loss under the current θ, and its gradient with respect to θ, written into {@code grad}. */
    double lossAndGradient(Objective objective, double[] grad) {
        List<PromptReply> items = objective.items();
        int n = items.size();
        CatalogData.Prompt[] prompts = new CatalogData.Prompt[n];
        int[] candidates = new int[n];
        Map<Integer, double[]> logProbs = new HashMap<>();
        double[] lp = new double[n];
        for (int i = 0; i < n; i++) {
            PromptReply item = items.get(i);
            prompts[i] = data.require(item.prompt(), "items[" + i + "].prompt");
            candidates[i] = candidate(prompts[i], item.reply(), "items[" + i + "].reply");
            CatalogData.Prompt p = prompts[i];
            lp[i] = logProbs.computeIfAbsent(p.index(), k -> logProbs(p))[candidates[i]];
        }
        double[] g = new double[n];
        double loss = objective.loss(lp, g);
        // ∇θ = Σ_i g_i·(φ(x_i, y_i) − E_π[φ(x_i, ·)]); the expectation once per prompt, weighted by the sum of its g_i.
        Map<Integer, Double> perPrompt = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int f : features.of(prompts[i].index(), candidates[i])) {
                grad[f] += g[i];
            }
            perPrompt.merge(prompts[i].index(), g[i], Double::sum);
        }
        perPrompt.forEach((p, sumG) -> {
            double[] pLogProbs = logProbs.get(p);
            for (int c = 0; c < pLogProbs.length; c++) {
                double w = sumG * Math.exp(pLogProbs[c]);
                for (int f : features.of(p, c)) {
                    grad[f] -= w;
                }
            }
        });
        return loss;
    }

    /** The parameters themselves (tests perturb them). */
    double[] theta() {
        return theta;
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public TrainablePolicy copy() {
        return new LogLinearPolicy(this, settings, theta.clone(), adam.copy());
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(MAGIC);
        adam.saveWith(theta, data);
        data.flush();
    }

    @Override
    public void load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String magic = data.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a catalog policy state (header '" + magic + "')");
        }
        try {
            adam.loadWith(theta, data);
        } catch (IOException e) {
            throw new IOException("a catalog policy state that does not fit this policy: " + e.getMessage(), e);
        }
    }
}
