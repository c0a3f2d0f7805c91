package io.agora.sdk.cli;

import io.agora.sdk.AgoraException;
import io.agora.sdk.TokenRequestException;
import io.agora.sdk.UnreachableException;
import io.agora.wire.Problem;

import java.io.PrintStream;
import java.io.UncheckedIOException;

/** How the SDK commands report a failure: one line on stderr and an exit code (see {@link SdkMain}). */
final class Failure {
    static final int INVALID_INPUT = 2;
    static final int FAILURE = 1;

    private Failure() {
    }

    static int report(Exception e, PrintStream err) {
        if (System.getenv("AGORA_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (e instanceof Args.UsageException) {
            err.println("error: " + e.getMessage());
            return INVALID_INPUT;
        }
        if (e instanceof TokenRequestException t) {
            // Refused credentials are the input's fault (a wrong --client-id or --secret, a stale admin file).
            err.println("error: " + t.getMessage());
            return t.refused() ? INVALID_INPUT : FAILURE;
        }
        if (e instanceof UnreachableException) {
            err.println("error: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof AgoraException a) {
            Problem p = a.problem();
            err.println("error: the gateway " + (p.status() >= 500 ? "failed" : "refused the request") + " (HTTP " + p.status() + "): "
                    + (p.field() == null ? "" : p.field() + ": ") + p.detail());
            return inputsFault(p.status()) ? INVALID_INPUT : FAILURE;
        }
        if (e instanceof UncheckedIOException) {
            err.println("error: " + e.getMessage());
            return FAILURE;
        }
        err.println("internal error: " + e + " (set AGORA_DEBUG=1 for the stack trace)");
        return FAILURE;
    }

    /**
     * Whether an error answer blames the request: malformed or invalid (400, 422), not allowed for these credentials
     * (401, 403), or naming nothing that exists (404). A conflict (409: a full or ended market), too many requests and
     * server errors are not the input's fault.
     */
    private static boolean inputsFault(int status) {
        return status == 400 || status == 401 || status == 403 || status == 404 || status == 422;
    }
}
