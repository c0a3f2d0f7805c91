package io.agora.runtime.market;

import io.agora.core.audit.AuditConfig;

import java.util.List;

/**
 * What a market measures when it clears a round, beyond the result itself (hosted experiments ask for baselines and
 * audits; a bot market measures every seat's honesty gap).
 *
 * @param baseline whether to also clear the round with every seat truthful
 * @param audits   incentive audits to run on the cleared round
 * @param honesty  whether to measure each seat's honesty gap: its utility minus what it would have had by reporting its
 *                 true type, the others' reports fixed (one more clearing per seat whose report is not its type)
 */
public record Measure(boolean baseline, List<AuditRequest> audits, boolean honesty) {

    /** Nothing beyond the result. */
    public static final Measure NONE = new Measure(false, List.of(), false);
    /** The honesty gaps, nothing else: what a bot market measures. */
    public static final Measure HONESTY = new Measure(false, List.of(), true);

    /** Baselines and audits, without honesty gaps. */
    public Measure(boolean baseline, List<AuditRequest> audits) {
        this(baseline, audits, false);
    }

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
