package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a market is in its life, as the API writes it ({@code waiting-for-seats}, ..., {@code closed}). */
public enum MarketPhase {
    /** Seats are still free; round 1 opens when the last one is taken. */
    WAITING_FOR_SEATS("waiting-for-seats"),
    /** A round is being recorded before it takes reports. */
    OPENING("opening"),
    /** The current round takes reports. */
    COLLECTING("collecting"),
    /** The current round is being cleared and settled. */
    CLEARING("clearing"),
    /** The market ran all its rounds. */
    FINISHED("finished"),
    /** The market was closed before it finished. */
    CLOSED("closed");

    private final String id;

    MarketPhase(String id) {
        this.id = id;
    }

    /** The phase as the API writes it. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the market opens no more rounds. */
    public boolean over() {
        return this == FINISHED || this == CLOSED;
    }

    /** The phase written as {@code id}. */
    @JsonCreator
    public static MarketPhase of(String id) {
        for (MarketPhase p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no market phase '" + id + "'");
    }
}
