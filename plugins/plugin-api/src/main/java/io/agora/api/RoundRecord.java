package io.agora.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A round the host keeps, as an online mechanism learns from it in {@link MechanismInstance#settle(RoundRecord)}:
 * what was cleared, the result, each agent's realized value under its true type, and which agents missed the round
 * (their report was filled in by the market's miss policy).
 *
 * @param input  the round as cleared: every agent's report, miss-policy fills included (an agent whose miss policy
 *               is to abstain has no report here, but is in {@code values} and {@code missed})
 * @param result the policy and payments
 * @param values seat → realized value {@code w·v(π)} under its true type, for every seat of the round
 * @param missed the seats that did not report (filled in by the miss policy, or abstaining)
 */
public record RoundRecord(RoundInput input, RoundResult result, Map<String, Double> values, Set<String> missed) {

    /** Copies the maps. */
    public RoundRecord {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(result, "result");
        values = Map.copyOf(values);
        missed = Set.copyOf(missed);
    }
}
