package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a hosted experiment is: queued, running, then finished, failed or cancelled. */
public enum ExperimentStatus {
    QUEUED("queued"),
    RUNNING("running"),
    FINISHED("finished"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String id;

    ExperimentStatus(String id) {
        this.id = id;
    }

    /** The status as the API writes it. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the experiment will not run (again). */
    public boolean over() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

    /** The status written as {@code id}. */
    @JsonCreator
    public static ExperimentStatus of(String id) {
        for (ExperimentStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no experiment status '" + id + "'");
    }
}
