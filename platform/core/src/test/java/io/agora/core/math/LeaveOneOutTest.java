package io.agora.core.math;

import io.agora.api.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one-pass leave-one-out against re-solving each {@code R − w_i r_i} from scratch. */
class LeaveOneOutTest {

    @ParameterizedTest
    @EnumSource(Divergence.class)
    void matchesNaiveRecomputation(Divergence d) {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] size : new int[][] {{3, 5}, {20, 40}, {700, 400}}) {
            int n = size[0];
            int m = size[1];
            List<Report> reports = new ArrayList<>();
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                double[] r = new double[m];
                for (int y = 0; y < m; y++) {
                    r[y] = random.nextDouble();
                }
                reports.add(Report.ofRewards("a" + i, r, 1));
                w[i] = 1 + random.nextInt(5);
            }
            double[] logQ = new double[m];
            java.util.Arrays.fill(logQ, -Math.log(m));
            double lambda = 0.7;

            LeaveOneOut.Result result = LeaveOneOut.compute(d, logQ, reports, w, lambda);
            for (int i = 0; i < n; i += Math.max(1, n / 7)) {
                double[] rest = new double[m];
                for (int j = 0; j < n; j++) {
                    for (int y = 0; y < m; y++) {
                        rest[y] += j == i ? 0 : w[j] * reports.get(j).reward(y);
                    }
                }
                assertThat(result.welfareWithout()[i]).isCloseTo(d.optimum(rest, logQ, lambda).value(), within(1e-8 * Math.max(1, n)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Divergence.class, names = "KL")
    void extremeTiltsStayFinite(Divergence d) {
        List<Report> reports = List.of(Report.ofRewards("a", new double[] {1, 0}, 1), Report.ofRewards("b", new double[] {0, 1}, 1));
        LeaveOneOut.Result r = LeaveOneOut.compute(d, new double[] {Math.log(0.5), Math.log(0.5)}, reports, new double[] {5000, 10}, 1e-3);

        assertThat(java.util.Arrays.stream(r.welfareWithout()).allMatch(Double::isFinite)).isTrue();
        assertThat(r.payment(0)).isCloseTo(10, within(1e-6));
    }
}
