package io.agora.gateway.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/**
 * Where a request's work must come back to. Answers from actors and worker threads complete on their own threads,
 * but Hibernate Reactive only runs on the request's Vert.x context: {@code uni.emitOn(RequestContext.current())}
 * brings what follows back there.
 */
public final class RequestContext {
    private RequestContext() {
    }

    /** An executor that runs tasks on the calling request's Vert.x context (call it on that context). */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("not on a Vert.x context");
        }
        return task -> context.runOnContext(v -> task.run());
    }
}
