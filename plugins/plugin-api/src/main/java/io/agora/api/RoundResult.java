package io.agora.api;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a mechanism returns for one round: the outcome as a policy over the outcome space, a payment per
 * reporting agent, named diagnostics (for instance the chosen menu entry) and notes for the user (for
 * instance that the reference had to be normalized).
 *
 * @param policy      the outcome distribution: the fine-tuned policy, or the law of the chosen reply
 * @param payments    one payment per report, in the order of the round's reports
 * @param diagnostics named finite numbers that explain the result; may be empty
 * @param notes       human-readable remarks; may be empty
 */
public record RoundResult(Policy policy, List<Payment> payments, Map<String, Double> diagnostics,
                          List<String> notes) {

    /** Copies the collections and rejects non-finite diagnostics. */
    public RoundResult {
        Objects.requireNonNull(policy, "policy");
        payments = List.copyOf(payments);
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        for (Map.Entry<String, Double> d : diagnostics.entrySet()) {
            if (!Double.isFinite(d.getValue())) {
                throw new IllegalStateException("diagnostic " + d.getKey() + " is " + d.getValue());
            }
        }
        notes = List.copyOf(notes);
    }

    /** A result with payments only, no diagnostics or notes. */
    public RoundResult(Policy policy, List<Payment> payments) {
        this(policy, payments, Map.of(), List.of());
    }

    /** Every agent's payment, by agent id; built in O(n), for callers that need many agents' payments. */
    public Map<String, Double> paymentsByAgent() {
        Map<String, Double> byAgent = new HashMap<>(payments.size() * 2);
        for (Payment p : payments) {
            byAgent.put(p.agent(), p.amount());
        }
        return byAgent;
    }

    /** The payment of one agent, or 0 when the mechanism charged it nothing. A linear search: see {@link #paymentsByAgent()}. */
    public double paymentOf(String agent) {
        for (Payment p : payments) {
            if (p.agent().equals(agent)) {
                return p.amount();
            }
        }
        return 0;
    }
}
