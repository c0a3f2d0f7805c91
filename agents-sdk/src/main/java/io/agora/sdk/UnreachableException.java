package io.agora.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** The gateway or a token endpoint gave no HTTP answer at all; the message says which and why, in words. */
public final class UnreachableException extends UncheckedIOException {
    private final String who;

    /** @param who what could not be reached, with its address: {@code the gateway at http://127.0.0.1:8080} */
    public UnreachableException(String who, IOException cause) {
        super(who + " cannot be reached (" + reason(cause) + ")", cause);
        this.who = who;
    }

    /** What could not be reached, with its address. */
    public String who() {
        return who;
    }

    /**
     * Why, in words. The JDK's HTTP client throws without messages (a refused connection is a ConnectException with a
     * null message, caused by a ClosedChannelException; an unknown host is an UnresolvedAddressException), so the
     * reason comes from the exception types first and from the messages only after them.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within the request timeout";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        // ConnectException: "typically, the connection was refused remotely" (its documentation).
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
