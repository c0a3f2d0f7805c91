package io.agora.sdk;

/**
 * A token endpoint answered a client-credentials request with an error: with 400 or 401 it {@link #refused()} the
 * credentials (OAuth2 error {@code invalid_client}, {@code unauthorized_client} ...), otherwise it failed.
 */
public final class TokenRequestException extends RuntimeException {
    private final String who;
    private final String clientId;
    private final int status;
    private final String error;
    private final String description;

    /**
     * @param who         the issuer, for the message: {@code the gateway} or {@code the token endpoint at URL}
     * @param error       the OAuth2 error code, or {@code null} when the answer had none
     * @param description the error description, or the answer's text when it was not OAuth2 JSON
     */
    public TokenRequestException(String who, String clientId, int status, String error, String description) {
        super(message(who, clientId, status, error, description));
        this.who = who;
        this.clientId = clientId;
        this.status = status;
        this.error = error;
        this.description = description;
    }

    private static String message(String who, String clientId, int status, String error, String description) {
        String why = error != null ? error + (description == null || description.isBlank() ? "" : ": " + description)
                : "HTTP " + status + (description == null || description.isBlank() ? "" : ": " + abbreviate(description));
        return status == 400 || status == 401
                ? who + " refused the credentials of client '" + clientId + "' (" + why + ")"
                : who + " failed to issue a token to client '" + clientId + "' (" + why + ")";
    }

    private static String abbreviate(String s) {
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** The same error, attributed to another issuer name. */
    public TokenRequestException from(String otherWho) {
        return new TokenRequestException(otherWho, clientId, status, error, description);
    }

    /** Whether the endpoint refused the credentials (rather than failing). */
    public boolean refused() {
        return status == 400 || status == 401;
    }

    public String who() {
        return who;
    }

    public int status() {
        return status;
    }
}
