package io.agora.gateway.web;

import io.agora.sdk.wire.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body over {@code quarkus.http.limits.max-body-size} by its declared length, before it is read, with the
 * same problem JSON as every other error. (A chunked body without a length still meets the HTTP layer's own limit,
 * which answers a bare 413.)
 */
@ApplicationScoped
public class TooLargeProblem {
    private final long limit;
    private final String body;

    TooLargeProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.body = WireJson.write(new Problem("about:blank", "Content Too Large", 413,
                "the request body is larger than " + this.limit + " bytes", "body"));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && tooLong(length)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                        .putHeader("Connection", "close").end(body);
            } else {
                ctx.next();
            }
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
