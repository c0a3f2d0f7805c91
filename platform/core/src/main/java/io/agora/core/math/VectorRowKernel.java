package io.agora.core.math;

import io.agora.api.Report;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The leave-one-out row kernel on SIMD lanes with the JDK's vectorized exp (Vector API, an incubator
 * module in JDK 17). Only loaded when the JVM runs with {@code --add-modules jdk.incubator.vector}; see
 * {@link RowKernels}. The row is read in blocks small enough to stay in the L1 cache; a block whose
 * exponents are all tiny (sum-normalized rewards over many outcomes) takes the Taylor series on all
 * lanes instead of the vectorized exp.
 */
final class VectorRowKernel implements RowKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int BLOCK = 1024;

    static int lanes() {
        return SPECIES.length();
    }

    /** The largest |r| among the first {@code bound} entries. */
    private static double maxAbs(double[] block, int bound) {
        DoubleVector max = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            max = max.max(DoubleVector.fromArray(SPECIES, block, i).abs());
        }
        return max.reduceLanes(VectorOperators.MAX);
    }

    @Override
    public void row(double[] e, double[] theta, Report row, double c, double[] out) {
        int m = e.length;
        double[] block = new double[Math.min(BLOCK, m)];
        double[] acc = new double[2];
        for (int from = 0; from < m; from += BLOCK) {
            int len = Math.min(BLOCK, m - from);
            row.copyRewards(from, block, 0, len);
            int bound = SPECIES.loopBound(len);
            // One simple loop per case: vector values that flow through a branch are not kept in registers.
            if (c * maxAbs(block, bound) < LogSpace.SERIES_LIMIT) {
                seriesBlock(e, theta, block, from, bound, c, acc);
            } else {
                expBlock(e, theta, block, from, bound, c, acc);
            }
            for (int i = bound; i < len; i++) {
                double r = block[i];
                acc[0] += e[from + i] * LogSpace.expNeg(c * r);
                acc[1] += theta[from + i] * r;
            }
        }
        out[0] = acc[0];
        out[1] = acc[1];
    }

    private static void expBlock(double[] e, double[] theta, double[] block, int from, int bound, double c, double[] acc) {
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector dot = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector r = DoubleVector.fromArray(SPECIES, block, i);
            DoubleVector x = r.mul(-c).lanewise(VectorOperators.EXP);
            sum = DoubleVector.fromArray(SPECIES, e, from + i).fma(x, sum);
            dot = DoubleVector.fromArray(SPECIES, theta, from + i).fma(r, dot);
        }
        acc[0] += sum.reduceLanes(VectorOperators.ADD);
        acc[1] += dot.reduceLanes(VectorOperators.ADD);
    }

    /**
     * For a block whose exponents are all below {@link LogSpace#SERIES_LIMIT}: the Taylor series of
     * {@link LogSpace#expNeg(double)}, by Horner's rule on all lanes.
     */
    private static void seriesBlock(double[] e, double[] theta, double[] block, int from, int bound, double c, double[] acc) {
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector dot = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector r = DoubleVector.fromArray(SPECIES, block, i);
            DoubleVector negX = r.mul(-c);
            DoubleVector t = negX.mul(1.0 / 3628800).add(1.0 / 362880);
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 40320));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 5040));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 720));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 120));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 24));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0 / 6));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 0.5));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0));
            t = negX.fma(t, DoubleVector.broadcast(SPECIES, 1.0));
            sum = DoubleVector.fromArray(SPECIES, e, from + i).fma(t, sum);
            dot = DoubleVector.fromArray(SPECIES, theta, from + i).fma(r, dot);
        }
        acc[0] += sum.reduceLanes(VectorOperators.ADD);
        acc[1] += dot.reduceLanes(VectorOperators.ADD);
    }
}
