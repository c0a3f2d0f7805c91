package io.agora.plugins.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.agora.api.InvalidInputException;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import io.agora.api.lm.TrainablePolicy;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.random.Tempered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A torch language model with fixed parameters. A reply's log-probability is the exact sum, over its characters and
 * its end marker, of the network's next-token log-probabilities; sampling draws token by token from the same
 * distributions, so a drawn reply's {@code logProb} equals its score (unless it was cut at {@code maxTokens}, when it
 * is the probability of the drawn prefix, which has no end). Safe for any thread: every call computes in its own
 * arrays.
 */
class TorchModel implements LanguageModel {
    final String name;
    final Transformer net;
    final NDManager base;
    final int batchTokens;
    /** The parameters; a {@link TorchPolicy} moves its own copy, the model never changes its. */
    final double[] theta;

    TorchModel(String name, Transformer net, Engine engine, int batchTokens, double[] theta) {
        this.name = name;
        this.net = net;
        this.base = engine.newBaseManager();
        this.batchTokens = batchTokens;
        this.theta = theta;
    }

    /** A subclass with its own parameters. */
    TorchModel(TorchModel model, double[] theta) {
        this.name = model.name;
        this.net = model.net;
        this.base = model.base;
        this.batchTokens = model.batchTokens;
        this.theta = theta;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false);
    }

    @Override
    public TrainablePolicy trainable(TrainingSettings settings) {
        return new TorchPolicy(this, settings);
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        Batches batches = batches(replies, "replies");
        double[] out = new double[replies.size()];
        try (NDManager m = base.newSubManager()) {
            NDArray[] p = net.upload(m, theta, false);
            for (int[] range : batches.ranges) {
                try (NDManager chunk = m.newSubManager()) {
                    double[] lp = batches.logProbs(chunk, p, range).toType(DataType.FLOAT64, false).toDoubleArray();
                    System.arraycopy(lp, 0, out, range[0], lp.length);
                }
            }
        }
        return out;
    }

    @Override
    public List<List<Completion>> sample(List<SampleRequest> requests) {
        List<List<Completion>> out = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            out.add(sample(requests.get(r), "requests[" + r + "]"));
        }
        return out;
    }

    private List<Completion> sample(SampleRequest request, String field) {
        TorchConfig config = net.config();
        int[] prompt = Alphabet.encode(request.prompt(), field + ".prompt");
        int rows = request.count();
        int limit = Math.min(request.maxTokens(), config.maxReplyTokens());
        int[] start = Alphabet.sequence(prompt, config.promptTokens(), new int[0], false);
        int[][] seqs = new int[rows][];
        StringBuilder[] texts = new StringBuilder[rows];
        double[] logProbs = new double[rows];
        boolean[] ended = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            seqs[i] = Arrays.copyOf(start, start.length + limit + 1);
            texts[i] = new StringBuilder();
        }
        SplittableRandom random = new SplittableRandom(request.seed());
        int length = start.length;
        try (NDManager m = base.newSubManager()) {
            NDArray[] p = net.upload(m, theta, false);
            for (int step = 0; step <= limit && !allTrue(ended); step++, length++) {
                double[] next;
                try (NDManager s = m.newSubManager()) {
                    long[] tokens = new long[rows * length];
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < length; j++) {
                            tokens[i * length + j] = seqs[i][j];
                        }
                    }
                    NDArray last = net.logProbs(s, p, tokens, rows, length).get(new NDIndex(":, -1, :"));
                    next = last.toType(DataType.FLOAT64, false).toDoubleArray();
                }
                for (int i = 0; i < rows; i++) {
                    if (ended[i]) {
                        continue;
                    }
                    double[] row = Arrays.copyOfRange(next, i * Alphabet.SIZE, (i + 1) * Alphabet.SIZE);
                    int token = step == limit ? -1 : new Tempered(row, request.temperature()).draw(random);
                    if (token < 0) {
                        ended[i] = true; // cut at maxTokens: the prefix drawn so far
                    } else {
                        logProbs[i] += row[token];
                        seqs[i][length] = token;
                        if (token == Alphabet.REPLY_END) {
                            ended[i] = true;
                        } else {
                            texts[i].append(Alphabet.character(token));
                        }
                    }
                }
            }
        }
        List<Completion> drawn = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            drawn.add(new Completion(texts[i].toString(), Math.min(0, logProbs[i]), texts[i].length()));
        }
        return List.copyOf(drawn);
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** Replies tokenized and grouped into batches of at most {@link #batchTokens} tokens each. */
    Batches batches(List<PromptReply> items, String field) {
        TorchConfig config = net.config();
        int[][] seqs = new int[items.size()][];
        int[] replyStart = new int[items.size()];
        for (int i = 0; i < seqs.length; i++) {
            PromptReply item = items.get(i);
            int[] prompt = Alphabet.encode(item.prompt(), field + "[" + i + "].prompt");
            int[] reply = Alphabet.encode(item.reply(), field + "[" + i + "].reply");
            if (reply.length > config.maxReplyTokens()) {
                throw new InvalidInputException(field + "[" + i + "].reply", "has " + reply.length
                        + " characters; the torch model '" + name + "' reads replies of at most " + config.maxReplyTokens());
            }
            seqs[i] = Alphabet.sequence(prompt, config.promptTokens(), reply, true);
            replyStart[i] = seqs[i].length - reply.length - 1;
        }
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        while (from < seqs.length) {
            int to = from;
            int longest = 0;
            while (to < seqs.length && (to == from || (to + 1 - from) * (long) Math.max(longest, seqs[to].length) <= batchTokens)) {
                longest = Math.max(longest, seqs[to].length);
                to++;
            }
            ranges.add(new int[] {from, to});
            from = to;
        }
        return new Batches(seqs, replyStart, ranges);
    }

    /** Tokenized replies: {@code seqs[i]} is the whole input, its reply starting at {@code replyStart[i]}. */
    final class Batches {
        final int[][] seqs;
        final int[] replyStart;
        final List<int[]> ranges;

        Batches(int[][] seqs, int[] replyStart, List<int[]> ranges) {
            this.seqs = seqs;
            this.replyStart = replyStart;
            this.ranges = ranges;
        }

        /** The log-probabilities of the replies {@code range[0]} (inclusive) to {@code range[1]}, as one array. */
        NDArray logProbs(NDManager m, NDArray[] p, int[] range) {
            int rows = range[1] - range[0];
            int length = 0;
            for (int i = range[0]; i < range[1]; i++) {
                length = Math.max(length, seqs[i].length - 1);
            }
            long[] inputs = new long[rows * length];
            long[] targets = new long[rows * length];
            double[] counted = new double[rows * length];
            for (int r = 0; r < rows; r++) {
                int[] seq = seqs[range[0] + r];
                for (int j = 0; j + 1 < seq.length; j++) {
                    inputs[r * length + j] = seq[j];
                    targets[r * length + j] = seq[j + 1];
                    counted[r * length + j] = j + 1 >= replyStart[range[0] + r] ? 1 : 0;
                }
            }
            DataType type = net.config().float64() ? DataType.FLOAT64 : DataType.FLOAT32;
            NDArray logProbs = net.logProbs(m, p, inputs, rows, length);
            NDArray picked = logProbs.mul(Transformer.owned(m, java.nio.LongBuffer.wrap(targets), new Shape(rows, length)).oneHot(Alphabet.SIZE, type)).sum(new int[] {2});
            return picked.mul(Transformer.owned(m, java.nio.DoubleBuffer.wrap(counted), new Shape(rows, length)).toType(type, false)).sum(new int[] {1});
        }
    }
}
