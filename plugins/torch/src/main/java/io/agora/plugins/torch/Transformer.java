package io.agora.plugins.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;

/**
 * A decoder-only transformer (GPT-2's pre-norm layout, the output tied to the token embedding) written as DJL array
 * operations, so that PyTorch's autograd differentiates it. The parameters live in one flat {@code double[]} held by
 * the Java side; each call uploads them into its own {@link NDManager} and frees everything when it closes. Uploading
 * costs one copy of the parameters, far less than a forward pass, and keeps optimizer state, checkpoints and copies
 * plain Java.
 */
final class Transformer {
    private final TorchConfig config;
    private final List<TorchConfig.Tensor> tensors;
    private final DataType type;

    Transformer(TorchConfig config) {
        this.config = config;
        this.tensors = config.tensors();
        this.type = config.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    TorchConfig config() {
        return config;
    }

    /** Seeded initial parameters: normal draws for matrices and embeddings, ones for gains, zeros for biases. */
    double[] initialParameters(long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] theta = new double[config.parameterCount()];
        int at = 0;
        for (TorchConfig.Tensor t : tensors) {
            for (int i = 0; i < t.size(); i++, at++) {
                theta[at] = switch (t.init()) {
                    case NORMAL -> random.nextGaussian() * t.scale();
                    case ONES -> 1;
                    case ZEROS -> 0;
                };
            }
        }
        return theta;
    }

    /** The parameters as arrays of {@code manager}, tracking gradients when {@code train}. */
    NDArray[] upload(NDManager manager, double[] theta, boolean train) {
        NDArray[] out = new NDArray[tensors.size()];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            TorchConfig.Tensor t = tensors.get(i);
            out[i] = array(manager, theta, at, t.size(), new Shape(t.shape()));
            at += t.size();
            if (train) {
                out[i].setRequiresGradient(true);
            }
        }
        return out;
    }

    /** The gradients of uploaded parameters, flattened in the parameter vector's order. */
    double[] gradient(NDArray[] params) {
        double[] out = new double[config.parameterCount()];
        int at = 0;
        for (NDArray p : params) {
            double[] g = p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            System.arraycopy(g, 0, out, at, g.length);
            at += g.length;
        }
        return out;
    }

    private NDArray array(NDManager manager, double[] values, int from, int length, Shape shape) {
        if (type == DataType.FLOAT64) {
            return owned(manager, DoubleBuffer.wrap(values, from, length).slice(), shape);
        }
        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = (float) values[from + i];
        }
        return owned(manager, FloatBuffer.wrap(f), shape);
    }

    /**
     * An array that owns a copy of {@code data}. DJL makes an array from a Java buffer as a view of a direct buffer
     * that only the Java object keeps alive; autograd may keep such a view after that object is closed, and then reads
     * memory the garbage collector freed (seen as NaN losses that came sooner the smaller the heap). A copy owned by
     * PyTorch has no such tie.
     */
    static NDArray owned(NDManager manager, Buffer data, Shape shape) {
        try (NDArray view = manager.create(data, shape)) {
            return view.duplicate();
        }
    }

    /**
     * Next-token log-probabilities.
     *
     * @param tokens {@code batch × length} token ids, row-major; rows shorter than {@code length} are padded (any
     *               token: attention is causal, so padding never changes an earlier position)
     * @return {@code batch × length × vocabulary}: at each position, the log-probability of every next token
     */
    NDArray logProbs(NDManager m, NDArray[] p, long[] tokens, int batch, int length) {
        int d = config.width();
        int h = config.heads();
        NDArray ids = owned(m, LongBuffer.wrap(tokens), new Shape(batch, length));
        NDArray x = ids.oneHot(Alphabet.SIZE, type).matMul(p[0]);
        x = x.add(p[1].get(m, new NDIndex("0:" + length)));
        NDArray mask = causalMask(m, length);
        // Constants as arrays PyTorch owns: DJL's array-with-number operations make a number array that only its Java
        // object keeps alive, and autograd keeps it for the backward pass (a division's divisor) after that is gone.
        NDArray scale = scalar(m, 1 / Math.sqrt((double) d / h));
        NDArray epsilon = scalar(m, 1e-5);
        int at = 2;
        for (int l = 0; l < config.layers(); l++) {
            NDArray a = norm(x, p[at], p[at + 1], epsilon);
            NDArray q = heads(a.matMul(p[at + 2]), batch, length, h, d);
            NDArray k = heads(a.matMul(p[at + 3]), batch, length, h, d);
            NDArray v = heads(a.matMul(p[at + 4]), batch, length, h, d);
            NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(mask).softmax(-1);
            NDArray attended = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, d);
            x = x.add(attended.matMul(p[at + 5]));
            NDArray b = norm(x, p[at + 6], p[at + 7], epsilon);
            NDArray hidden = Activation.gelu(b.matMul(p[at + 8]).add(p[at + 9]));
            x = x.add(hidden.matMul(p[at + 10]).add(p[at + 11]));
            at += 12;
        }
        x = norm(x, p[at], p[at + 1], epsilon);
        return x.matMul(p[0].transpose()).add(markerMask(m)).logSoftmax(-1);
    }

    /** The start and prompt-end markers are only ever read, never predicted: their logits are pushed to nothing. */
    private NDArray markerMask(NDManager m) {
        double[] mask = new double[Alphabet.SIZE];
        mask[Alphabet.START] = -1e9;
        mask[Alphabet.PROMPT_END] = -1e9;
        return array(m, mask, 0, mask.length, new Shape(Alphabet.SIZE));
    }

    private static NDArray heads(NDArray x, int batch, int length, int h, int d) {
        return x.reshape(batch, length, h, d / h).transpose(0, 2, 1, 3);
    }

    private static NDArray norm(NDArray x, NDArray gain, NDArray bias, NDArray epsilon) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centred.square().mean(new int[] {-1}, true);
        return centred.div(variance.add(epsilon).sqrt()).mul(gain).add(bias);
    }

    private NDArray scalar(NDManager m, double value) {
        return array(m, new double[] {value}, 0, 1, new Shape());
    }

    private NDArray causalMask(NDManager m, int length) {
        double[] mask = new double[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                mask[i * length + j] = -1e9;
            }
        }
        return array(m, mask, 0, mask.length, new Shape(length, length));
    }
}
