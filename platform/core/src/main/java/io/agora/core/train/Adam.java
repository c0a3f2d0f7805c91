package io.agora.core.train;

import io.agora.api.lm.TrainingSettings;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Adam (Kingma and Ba) over a flat parameter vector, with bias correction. Deterministic: the same gradients give
 * the same parameters bit for bit.
 */
public final class Adam {
    private final TrainingSettings settings;
    private final double[] m;
    private final double[] v;
    private long t;

    /** Moments for {@code size} parameters, all zero. */
    public Adam(TrainingSettings settings, int size) {
        this.settings = settings;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** An independent copy in the same state. */
    public Adam copy() {
        Adam c = new Adam(settings, m.length);
        System.arraycopy(m, 0, c.m, 0, m.length);
        System.arraycopy(v, 0, c.v, 0, v.length);
        c.t = t;
        return c;
    }

    /** Steps taken. */
    public long steps() {
        return t;
    }

    /** Moves {@code params} against {@code gradient} (same length as the moments). */
    public void step(double[] params, double[] gradient) {
        t++;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double lr = settings.learningRate();
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + settings.epsilon());
        }
    }

    /** Writes {@code params} (the vector this optimizer moves), then its own state: what a trainable policy saves. */
    public void saveWith(double[] params, DataOutputStream out) throws IOException {
        out.writeInt(params.length);
        for (double p : params) {
            out.writeDouble(p);
        }
        save(out);
    }

    /**
     * Reads what {@link #saveWith} wrote into {@code params} and this optimizer; nothing changes when the stream is not
     * such a state for a vector of this size.
     */
    public void loadWith(double[] params, DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size != params.length) {
            throw new IOException("a state of " + size + " parameters, this one has " + params.length);
        }
        double[] read = new double[size];
        for (int i = 0; i < size; i++) {
            read[i] = in.readDouble();
        }
        Adam loaded = new Adam(settings, m.length);
        loaded.load(in);
        System.arraycopy(read, 0, params, 0, size);
        System.arraycopy(loaded.m, 0, m, 0, m.length);
        System.arraycopy(loaded.v, 0, v, 0, v.length);
        t = loaded.t;
    }

    /** Writes the step count and the moments. */
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(t);
        out.writeInt(m.length);
        for (int i = 0; i < m.length; i++) {
            out.writeDouble(m[i]);
            out.writeDouble(v[i]);
        }
    }

    /** Reads what {@link #save} wrote for moments of the same size. */
    public void load(DataInputStream in) throws IOException {
        long steps = in.readLong();
        int size = in.readInt();
        if (size != m.length || steps < 0) {
            throw new IOException("optimizer state for " + size + " parameters, expected " + m.length);
        }
        t = steps;
        for (int i = 0; i < size; i++) {
            m[i] = in.readDouble();
            v[i] = in.readDouble();
        }
    }
}
