package io.agora.sdk;

import io.agora.wire.Problem;

/** An error answer of the gateway, with its problem details (status, field, rule). */
public final class AgoraException extends RuntimeException {
    private final Problem problem;

    public AgoraException(Problem problem) {
        super(problem.status() + (problem.field() == null ? "" : " " + problem.field()) + ": " + problem.detail());
        this.problem = problem;
    }

    /** The problem details. */
    public Problem problem() {
        return problem;
    }

    /** The HTTP status. */
    public int status() {
        return problem.status();
    }
}
