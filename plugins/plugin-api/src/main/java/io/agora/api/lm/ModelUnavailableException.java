package io.agora.api.lm;

/**
 * A model could not answer for a reason outside the request: a remote server that is down, too slow, or answers
 * with an error. The message says which model, where, and why, in words a user can act on.
 */
public final class ModelUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which model, where, and why
     * @param cause   the underlying failure, or {@code null}
     */
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
