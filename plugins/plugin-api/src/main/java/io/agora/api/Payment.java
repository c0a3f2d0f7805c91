package io.agora.api;

import java.util.Objects;

/**
 * What one agent pays the mechanism for one round. Negative amounts are transfers to the agent (a platform
 * buying data pays its suppliers).
 *
 * @param agent  the paying agent's id
 * @param amount a finite amount
 */
public record Payment(String agent, double amount) {

    /** Rejects a missing agent and non-finite amounts. */
    public Payment {
        Objects.requireNonNull(agent, "agent");
        if (!Double.isFinite(amount)) {
            throw new IllegalStateException("payment of " + agent + " is " + amount + ", not a finite number");
        }
    }
}
