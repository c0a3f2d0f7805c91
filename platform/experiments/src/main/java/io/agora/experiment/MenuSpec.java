package io.agora.experiment;

/**
 * Finite-menu mode for an experiment: each round's menu is a set of reward soups built from the agents'
 * true types [RECON]: {@code θ_c ∝ q·exp(Σ_i c_i·W·rm_i/λ)} with W the total group size and c on the
 * simplex: an even grid for two agents, the vertices plus seeded Dirichlet(1) points otherwise.
 *
 * @param size the number of menu entries K
 */
public record MenuSpec(int size) {
}
