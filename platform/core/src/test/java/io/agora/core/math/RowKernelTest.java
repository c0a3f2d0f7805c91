package io.agora.core.math;

import io.agora.api.Report;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SIMD row kernel agrees with the scalar one (the tests run with the Vector API enabled). */
class RowKernelTest {

    @Test
    void vectorKernelIsSelectedWhenTheModuleIsEnabled() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API not enabled");
        assertThat(RowKernels.simd()).isEqualTo(RowKernels.vector() != null);
    }

    @Test
    void vectorAndScalarKernelsAgree() {
        RowKernel vector = RowKernels.vector();
        assumeTrue(vector != null, "Vector API not available");
        SplittableRandom random = new SplittableRandom(2);
        for (int m : new int[] {1, 3, 7, 8, 1023, 1024, 1500, 5000}) {
            for (double c : new double[] {1e-3, 0.5, 7, 300}) {
                double[] e = new double[m];
                double[] theta = new double[m];
                double[] r = new double[m];
                for (int y = 0; y < m; y++) {
                    e[y] = random.nextDouble();
                    theta[y] = random.nextDouble() / m;
                    r[y] = random.nextDouble();
                }
                Report row = Report.ofRewards("a", r, 1);
                double[] expected = new double[2];
                double[] actual = new double[2];
                RowKernel.SCALAR.row(e, theta, row, c, expected);
                vector.row(e, theta, row, c, actual);
                assertThat(actual[0]).as("sum, m=%d c=%s", m, c).isCloseTo(expected[0], within(1e-13 * Math.abs(expected[0]) + 1e-300));
                assertThat(actual[1]).as("dot, m=%d c=%s", m, c).isCloseTo(expected[1], within(1e-13 * Math.abs(expected[1])));
            }
        }
    }
}
