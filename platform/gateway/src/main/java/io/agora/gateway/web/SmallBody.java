package io.agora.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the small body of a request handled on the Vert.x router (a token request, a sign-in, a report) under a cap
 * checked as the bytes arrive, so that an oversized or endless body costs a refusal and nothing more.
 */
public final class SmallBody {
    private SmallBody() {
    }

    /**
     * Reads the body of {@code ctx} as UTF-8 and hands it to {@code onBody}; {@code onRefusal} gets the status and
     * reason when the body is over {@code max} bytes (413), declared so (413), or unreadable (400).
     */
    public static void read(RoutingContext ctx, int max, Consumer<String> onBody, Refusal onRefusal) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("Content-Length");
        if (length != null && !length.isBlank() && tooLong(length, max)) {
            onRefusal.refuse(413, "the body is over " + max + " bytes");
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (ctx.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                onRefusal.refuse(413, "the body is over " + max + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!ctx.response().ended()) {
                onRefusal.refuse(400, "the request could not be read");
            }
        });
        request.endHandler(v -> {
            if (!ctx.response().ended()) {
                onBody.accept(body.toString(StandardCharsets.UTF_8));
            }
        });
        request.resume();
    }

    /** A refusal of the body: its HTTP status and why. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(int status, String reason);
    }

    private static boolean tooLong(String length, int max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
