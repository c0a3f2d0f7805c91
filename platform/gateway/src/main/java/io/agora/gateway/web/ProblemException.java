package io.agora.gateway.web;

/**
 * An expected failure of a request, answered as problem JSON with its status, the field at fault and the rule.
 * Thrown by services; mapped once for the whole gateway by {@link ProblemMappers}.
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String field;

    public ProblemException(int status, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, field, detail);
    }

    public static ProblemException notFound(String field, String detail) {
        return new ProblemException(404, field, detail);
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, field, detail);
    }
}
