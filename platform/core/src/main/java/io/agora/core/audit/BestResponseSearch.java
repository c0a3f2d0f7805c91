package io.agora.core.audit;

import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.ReportShape;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Local search for a best response: from a starting report, repeatedly try a random admissible neighbour
 * and keep it when it raises the utility; the step halves after a run of failures. Deterministic for a seed.
 */
public final class BestResponseSearch {
    private static final int FAILURES_BEFORE_SHRINK = 8;

    private BestResponseSearch() {
    }

    /**
     * The best report found and its utility.
     *
     * @param report  the report
     * @param utility its utility
     */
    public record Found(Report report, double utility) {
    }

    /**
     * Searches from {@code start}.
     *
     * @param start      an admissible report to start from
     * @param shape      the admissible reports
     * @param utility    the utility of a report; reports the mechanism rejects are skipped
     * @param iterations how many neighbours to try
     * @param step       the initial step size (reward mass or reward change)
     * @param random     the source of randomness
     */
    public static Found search(Report start, ReportShape shape, ToDoubleFunction<Report> utility, int iterations,
                               double step, SplittableRandom random) {
        Report best = start;
        double bestUtility = utility.applyAsDouble(start);
        double delta = step;
        int failures = 0;
        for (int it = 0; it < iterations; it++) {
            Report candidate = Misreports.neighbour(best, delta, shape, random);
            double u;
            try {
                u = utility.applyAsDouble(candidate);
            } catch (InvalidInputException rejected) {
                u = Double.NEGATIVE_INFINITY;
            }
            if (u > bestUtility) {
                best = candidate;
                bestUtility = u;
                failures = 0;
            } else if (++failures >= FAILURES_BEFORE_SHRINK) {
                delta /= 2;
                failures = 0;
            }
        }
        return new Found(best, bestUtility);
    }
}
