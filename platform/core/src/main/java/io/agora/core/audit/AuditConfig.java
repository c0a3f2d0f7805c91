package io.agora.core.audit;

/**
 * How hard the incentive audit searches.
 *
 * @param alphas            α values for scaling the group size and (without normalization) the rewards
 * @param betas             β values for mixing with the others' mean report
 * @param epsilons          ε values for polarization
 * @param randomReports     how many random admissible reports to try
 * @param searchIterations  how many local-search steps from the best report found so far
 * @param searchStep        the local search's initial step
 * @param seed              the seed of every random choice
 * @param tolerance         slack below which a gain, an IR violation or a negative payment counts as zero
 */
public record AuditConfig(double[] alphas, double[] betas, double[] epsilons, int randomReports, int searchIterations,
                          double searchStep, long seed, double tolerance) {

    /** The defaults: seven α, eight β, seven ε, 50 random reports, 300 search steps, tolerance 1e-9. */
    public static AuditConfig defaults() {
        return new AuditConfig(
                new double[] {0.2, 0.5, 0.8, 1.2, 1.5, 2, 3},
                new double[] {0, 0.2, 0.5, 0.8, 1.2, 1.5, 2, 3},
                new double[] {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1},
                50, 300, 0.05, 0, 1e-9);
    }

    /** The same search under another seed. */
    public AuditConfig withSeed(long newSeed) {
        return new AuditConfig(alphas, betas, epsilons, randomReports, searchIterations, searchStep, newSeed, tolerance);
    }

    /** The same search with other effort. */
    public AuditConfig withEffort(int newRandomReports, int newSearchIterations) {
        return new AuditConfig(alphas, betas, epsilons, newRandomReports, newSearchIterations, searchStep, seed, tolerance);
    }
}
