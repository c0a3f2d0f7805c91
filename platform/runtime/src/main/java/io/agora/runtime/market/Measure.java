package io.agora.runtime.market;

import io.agora.core.audit.AuditConfig;

import java.util.List;

/**
 * What a market measures when it clears a round, beyond the result itself (hosted experiments use this;
 * bot markets measure nothing extra).
 *
 * @param baseline whether to also clear the round with every seat truthful
 * @param audits   incentive audits to run on the cleared round
 */
public record Measure(boolean baseline, List<AuditRequest> audits) {

    /** Nothing beyond the result. */
    public static final Measure NONE = new Measure(false, List.of());

    /** Copies the list. */
    public Measure {
        audits = List.copyOf(audits);
    }

    /**
     * An audit of some seats, reported as the largest gain among them.
     *
     * @param label  the name the gain is reported under
     * @param seats  the seats audited, in order
     * @param config the audit's effort and seed
     */
    public record AuditRequest(String label, List<String> seats, AuditConfig config) {
    }
}
