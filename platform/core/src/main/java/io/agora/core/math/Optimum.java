package io.agora.core.math;

/**
 * The solution of {@code max_p Σ_y p(y)·R(y) − D(p ‖ q)} over the simplex.
 *
 * @param probs the optimal policy, as probabilities (owned by this record; do not modify)
 * @param value the optimal objective value
 */
public record Optimum(double[] probs, double value) {
}
