package io.agora.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agora.wire.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Every error of the gateway becomes problem JSON here, and only here: expected failures with their status,
 * field and rule; authentication 401 and authorization 403; timeouts 503; anything else 500 with a generic
 * message (the cause is logged, never sent).
 */
public final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The media type of problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** A problem answer. */
    public static Response problem(int status, String field, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title(status), status, detail, field)).build();
    }

    /** A problem answer written straight to a Vert.x response (for checks that run before JAX-RS). */
    public static void write(io.vertx.core.http.HttpServerResponse response, int status, String field, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(WireJson.write(new Problem("about:blank", title(status), status, detail, field)));
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : switch (status) {
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }

    @ServerExceptionMapper
    public Response expected(ProblemException e) {
        return problem(e.status(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(problem(401, "Authorization", "a valid bearer token is required"))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Authorization", "your role may not do this");
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return problem(400, "body", "malformed JSON");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "cannot produce the requested media type";
            case 415 -> "unsupported Content-Type: see /q/openapi for what each endpoint takes";
            case 413 -> "request body too large";
            case 400 -> "malformed request";
            default -> title(status);
        };
        String field = switch (status) {
            case 404 -> "path";
            case 405 -> "method";
            case 406 -> "Accept";
            case 415 -> "Content-Type";
            default -> "body";
        };
        return problem(status, field, detail);
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return expected(of(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return expected(of(e));
    }

    /**
     * The problem a failure of a use case answers: its own when it is expected, 503 for a timeout, else 500 with a
     * generic message (the cause is logged, never sent). For handlers outside JAX-RS, which write it with {@link #write}.
     */
    public static ProblemException of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProblemException p) {
            return p;
        }
        if (cause instanceof TimeoutException) {
            return new ProblemException(503, null, "the platform did not answer in time; retry");
        }
        LOG.error("unexpected failure", cause);
        return new ProblemException(500, null, "internal error; the request changed nothing it did not acknowledge");
    }
}
