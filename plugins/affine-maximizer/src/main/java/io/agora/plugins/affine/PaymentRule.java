package io.agora.plugins.affine;

/** The payment rules of the affine-maximizer mechanism. */
enum PaymentRule {
    /** {@code p_i = ASW_−i(θ_−i) − ASW_−i(θ*)}: DSIC, IR, non-negative. */
    AFFINE_MAXIMIZER("affine-maximizer"),
    /** No payments: the baseline under which polarized reports beat truth. */
    NONE("none"),
    /** Heuristic 1: θ_−i taken from the main run's checkpoints. Non-negative, not strictly DSIC. */
    CHECKPOINT("checkpoint"),
    /** Heuristic 2: θ_−i from an early-stopped separate run. DSIC, payments may be negative. */
    EARLY_STOP("early-stop");

    private final String id;

    PaymentRule(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static PaymentRule of(String id) {
        for (PaymentRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
