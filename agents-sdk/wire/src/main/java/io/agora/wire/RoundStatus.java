package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a settled round ended: {@code cleared} (an outcome and payments) or {@code failed} (neither). */
public enum RoundStatus {
    CLEARED("cleared"),
    FAILED("failed");

    private final String id;

    RoundStatus(String id) {
        this.id = id;
    }

    /** The status as the API writes it. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The status written as {@code id}. */
    @JsonCreator
    public static RoundStatus of(String id) {
        for (RoundStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no round status '" + id + "'");
    }
}
