package io.agora.plugins.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.agora.api.lm.Objective;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.Adam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.DoubleBuffer;

/**
 * A torch model being fine-tuned. A step reads the objective's items' log-probabilities, asks the objective for the
 * loss and its gradient with respect to them, and back-propagates {@code Σ_i g_i · log π(y_i|x_i)} through the network
 * with PyTorch's autograd: its parameter gradient is the objective's. Then one
 * {@link Adam} step on the Java-side parameters. Single-threaded (its trainer's).
 */
final class TorchPolicy extends TorchModel implements TrainablePolicy {
    static final String MAGIC = "agora-torch-policy/1";
    private final TrainingSettings settings;
    private final Adam adam;

    TorchPolicy(TorchModel model, TrainingSettings settings) {
        this(model, settings, model.theta.clone(), new Adam(settings, model.theta.length));
    }

    private TorchPolicy(TorchModel model, TrainingSettings settings, double[] theta, Adam adam) {
        super(model, theta);
        this.settings = settings;
        this.adam = adam;
    }

    @Override
    public double step(Objective objective) {
        double[] grad = new double[theta.length];
        double loss = lossAndGradient(objective, grad);
        adam.step(theta, grad);
        return loss;
    }

    /**
     * The objective's loss at the current parameters, and its gradient with respect to them, into {@code grad}. The
     * items go through the network in batches of at most {@code batchTokens} tokens (smaller arrays, which the
     * allocator reuses), all under one gradient collector, and one backward pass follows.
     */
    double lossAndGradient(Objective objective, double[] grad) {
        Batches batches = batches(objective.items(), "items");
        double[] g = new double[objective.items().size()];
        double loss;
        DataType type = net.config().float64() ? DataType.FLOAT64 : DataType.FLOAT32;
        Djl.TRAINING.lock();
        try (NDManager m = base.newSubManager(); GradientCollector collector = m.getEngine().newGradientCollector()) {
            NDArray[] p = net.upload(m, theta, true);
            NDList parts = new NDList();
            for (int[] range : batches.ranges) {
                parts.add(batches.logProbs(m, p, range));
            }
            NDArray logProbs = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
            loss = objective.loss(logProbs.toType(DataType.FLOAT64, false).toDoubleArray(), g);
            collector.backward(logProbs.mul(Transformer.owned(m, DoubleBuffer.wrap(g), new Shape(g.length)).toType(type, false)).sum());
            System.arraycopy(net.gradient(p), 0, grad, 0, grad.length);
        } finally {
            Djl.TRAINING.unlock();
        }
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
        return new TorchPolicy(this, settings, theta.clone(), adam.copy());
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(MAGIC);
        data.writeUTF(net.config().describe());
        adam.saveWith(theta, data);
        data.flush();
    }

    @Override
    public void load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        checkHeader(data, net.config());
        adam.loadWith(theta, data);
    }

    /** Reads a saved state's header. @throws IOException if it is not a torch state of this shape */
    static void checkHeader(DataInputStream data, TorchConfig config) throws IOException {
        String magic = data.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a torch policy state (header '" + magic + "')");
        }
        String shape = data.readUTF();
        if (!shape.equals(config.describe())) {
            throw new IOException("a torch state of another shape (" + shape + "); this model is " + config.describe());
        }
    }
}
