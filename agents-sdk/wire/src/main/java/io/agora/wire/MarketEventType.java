package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a market event says; the stream ends after {@code market-finished} or {@code market-closed}. */
public enum MarketEventType {
    ROUND_OPENED("round-opened"),
    ROUND_CLEARED("round-cleared"),
    ROUND_FAILED("round-failed"),
    MARKET_FINISHED("market-finished"),
    MARKET_CLOSED("market-closed");

    private final String id;

    MarketEventType(String id) {
        this.id = id;
    }

    /** The type as the API writes it. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether this is a market's last event. */
    public boolean last() {
        return this == MARKET_FINISHED || this == MARKET_CLOSED;
    }

    /** The last event of a market that ended in {@code phase}. */
    public static MarketEventType ended(MarketPhase phase) {
        return phase == MarketPhase.CLOSED ? MARKET_CLOSED : MARKET_FINISHED;
    }

    /** The type written as {@code id}. */
    @JsonCreator
    public static MarketEventType of(String id) {
        for (MarketEventType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no market event type '" + id + "'");
    }
}
