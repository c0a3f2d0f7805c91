package io.agora.plugins.torch;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a {@link Transformer}: how many blocks, attention heads and features, how many tokens it reads at
 * once, how many of them a prompt may take, and the floating-point precision it computes in.
 *
 * @param layers       transformer blocks
 * @param heads        attention heads per block; divides {@code width}
 * @param width        features per token (the model dimension)
 * @param context      the most tokens the model reads: the prompt's, two markers, the reply's and its end
 * @param promptTokens a prompt longer than this keeps only its last {@code promptTokens} characters
 * @param float64      compute in double precision (finite-difference checks) rather than single
 */
record TorchConfig(int layers, int heads, int width, int context, int promptTokens, boolean float64) {

    /** Checks that the sizes fit together, naming the parameter in the API's terms. */
    TorchConfig {
        if (width % heads != 0) {
            throw new InvalidInputException("params.width", "must be a multiple of heads (" + heads + "), got " + width);
        }
        if (promptTokens + 3 >= context) {
            throw new InvalidInputException("params.promptTokens", "must leave room for a reply in the context of " + context
                    + " tokens (at most " + (context - 4) + "), got " + promptTokens);
        }
    }

    static TorchConfig of(Parameters params) {
        return new TorchConfig((int) params.integer("layers"), (int) params.integer("heads"), (int) params.integer("width"),
                (int) params.integer("context"), (int) params.integer("promptTokens"), params.choice("precision").equals("float64"));
    }

    /** The longest reply in tokens, its end marker not counted. */
    int maxReplyTokens() {
        return context - promptTokens - 3;
    }

    /** One line naming the shape; a saved state records it so that it is never loaded into another shape. */
    String describe() {
        return "layers=" + layers + " heads=" + heads + " width=" + width + " context=" + context + " promptTokens=" + promptTokens
                + " vocabulary=" + Alphabet.SIZE;
    }

    /** The network's tensors, in the order of the flat parameter vector. */
    List<Tensor> tensors() {
        int d = width;
        int v = Alphabet.SIZE;
        double residual = 0.02 / Math.sqrt(2.0 * layers); // GPT-2's scaling of the projections into the residual stream
        List<Tensor> t = new ArrayList<>();
        t.add(new Tensor("tokens", new long[] {v, d}, Init.NORMAL, 0.02));
        t.add(new Tensor("positions", new long[] {context, d}, Init.NORMAL, 0.02));
        for (int l = 0; l < layers; l++) {
            String p = "block" + l + ".";
            t.add(new Tensor(p + "norm1.gain", new long[] {d}, Init.ONES, 0));
            t.add(new Tensor(p + "norm1.bias", new long[] {d}, Init.ZEROS, 0));
            t.add(new Tensor(p + "query", new long[] {d, d}, Init.NORMAL, 0.02));
            t.add(new Tensor(p + "key", new long[] {d, d}, Init.NORMAL, 0.02));
            t.add(new Tensor(p + "value", new long[] {d, d}, Init.NORMAL, 0.02));
            t.add(new Tensor(p + "out", new long[] {d, d}, Init.NORMAL, residual));
            t.add(new Tensor(p + "norm2.gain", new long[] {d}, Init.ONES, 0));
            t.add(new Tensor(p + "norm2.bias", new long[] {d}, Init.ZEROS, 0));
            t.add(new Tensor(p + "up", new long[] {d, 4L * d}, Init.NORMAL, 0.02));
            t.add(new Tensor(p + "up.bias", new long[] {4L * d}, Init.ZEROS, 0));
            t.add(new Tensor(p + "down", new long[] {4L * d, d}, Init.NORMAL, residual));
            t.add(new Tensor(p + "down.bias", new long[] {d}, Init.ZEROS, 0));
        }
        t.add(new Tensor("norm.gain", new long[] {d}, Init.ONES, 0));
        t.add(new Tensor("norm.bias", new long[] {d}, Init.ZEROS, 0));
        return t;
    }

    /** How many numbers the parameter vector has. */
    int parameterCount() {
        return tensors().stream().mapToInt(Tensor::size).sum();
    }

    enum Init { NORMAL, ONES, ZEROS }

    /** One named tensor of the network and how it starts. */
    record Tensor(String name, long[] shape, Init init, double scale) {
        int size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return Math.toIntExact(n);
        }
    }
}
