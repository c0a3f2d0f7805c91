package io.agora.gateway.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The size limits of a request, checked before anything is read and answered with the same problem JSON as every
 * other error: the URI (414), the headers (431), a body by its declared length (413), and a body without one (411:
 * a chunked body would otherwise meet the HTTP layer's bare 413 midway). The HTTP layer's own limits are set higher
 * (application.properties), so that only requests beyond those get its bare answers.
 */
@ApplicationScoped
public class HttpLimits {
    private final long maxBody;
    private final int maxUri;
    private final int maxHeaders;

    HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
               @ConfigProperty(name = "agora.http.max-uri") int maxUri,
               @ConfigProperty(name = "agora.http.max-headers") MemorySize maxHeaders) {
        this.maxBody = maxBody.asLongValue();
        this.maxUri = maxUri;
        this.maxHeaders = (int) maxHeaders.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            Refusal refusal = check(request);
            if (refusal == null) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Connection", "close");
            ProblemMappers.write(ctx.response(), refusal.status, refusal.field, refusal.detail);
        });
    }

    private record Refusal(int status, String field, String detail) {
    }

    private Refusal check(HttpServerRequest request) {
        if (request.uri().length() > maxUri) {
            return new Refusal(414, "uri", "the request URI is longer than " + maxUri + " characters");
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaders) {
            return new Refusal(431, "headers", "the request headers are larger than " + maxHeaders + " bytes");
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return declaredTooLong(length) ? new Refusal(413, "body", "the request body is larger than " + maxBody + " bytes") : null;
        }
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        boolean hasBody = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH;
        if (chunked && hasBody && !request.path().startsWith("/oauth/")) {
            return new Refusal(411, "Content-Length", "send the body with a Content-Length (chunked bodies are not taken)");
        }
        return null;
    }

    private boolean declaredTooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBody;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
