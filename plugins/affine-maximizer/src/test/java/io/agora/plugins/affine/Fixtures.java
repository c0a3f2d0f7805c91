package io.agora.plugins.affine;

import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small factories for the tests of this plugin. */
final class Fixtures {
    private Fixtures() {
    }

    static MechanismInstance mechanism(Map<String, ?> params) {
        AffineMaximizerMechanism mechanism = new AffineMaximizerMechanism();
        return mechanism.open(mechanism.parameters().validate(params), MechanismContext.of("test-market", 1));
    }

    static ReportShape shape(Map<String, ?> params) {
        AffineMaximizerMechanism mechanism = new AffineMaximizerMechanism();
        return mechanism.reportShape(mechanism.parameters().validate(params));
    }

    static RoundInput round(Policy reference, Report... reports) {
        return new RoundInput(0, OutcomeSpace.of(reference.size()), reference, List.of(reports));
    }

    /** The spec's two-group test vector. */
    static RoundInput specVector() {
        return round(Policy.uniform(3),
                Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 3),
                Report.ofRewards("g2", new double[] {0.1, 0.3, 0.6}, 7));
    }

    /** A random instance: n groups, m outcomes, rewards U[0,1] then normalized, sizes uniform in 1..10. */
    static RoundInput randomRound(SplittableRandom random, int n, int m, String normalization) {
        double[] q = new double[m];
        for (int y = 0; y < m; y++) {
            q[y] = 0.2 + random.nextDouble();
        }
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] r = new double[m];
            for (int y = 0; y < m; y++) {
                r[y] = random.nextDouble();
            }
            double[] normalized = io.agora.api.Normalization.of(normalization).normalize(r);
            reports.add(Report.ofRewards("g" + i, normalized, 1 + random.nextInt(10)));
        }
        return new RoundInput(0, OutcomeSpace.of(m), Policy.ofProbabilities(q), reports);
    }
}
