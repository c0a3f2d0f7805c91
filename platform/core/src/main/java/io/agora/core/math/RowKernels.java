package io.agora.core.math;

/**
 * Chooses the leave-one-out row kernel once per JVM: the SIMD kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher does so when {@code AGORA_SIMD=1}) and the
 * hardware has at least 4 double lanes, otherwise the scalar one. Both agree to within a few ulp per term.
 */
public final class RowKernels {
    private static final RowKernel SELECTED = select();

    private RowKernels() {
    }

    static RowKernel selected() {
        return SELECTED;
    }

    /** Whether the SIMD kernel is in use. */
    public static boolean simd() {
        return SELECTED != RowKernel.SCALAR;
    }

    /** The SIMD kernel, or {@code null} when the Vector API is not available in this JVM. */
    static RowKernel vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return VectorRowKernel.lanes() >= 4 ? new VectorRowKernel() : null;
        } catch (LinkageError unavailable) {
            return null;
        }
    }

    private static RowKernel select() {
        RowKernel vector = vector();
        return vector != null ? vector : RowKernel.SCALAR;
    }
}
