package io.agora.gateway.market;

import io.agora.gateway.auth.VerifiedTokens;
import io.agora.gateway.web.Caller;
import io.agora.gateway.web.Params;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.ProblemMappers;
import io.agora.gateway.web.SmallBody;
import io.agora.gateway.web.WireJson;
import io.agora.wire.ReportReceipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hot path of {@code POST /api/markets/{id}/rounds/{round}/reports}: a bot's report, taken on the Vert.x router
 * ahead of JAX-RS when the gateway already knows everything the answer depends on (the bot's token, verified before and
 * unexpired; its bot role; the market and the bot's seat in it). Under load nearly every report is such a request,
 * and RESTEasy's request handling and the HTTP security layer around it were a third of the gateway's CPU per report.
 *
 * <p>It answers exactly as {@link MarketResource#submit} does, through the same use case ({@link MarketService#submit})
 * and the same rate limit, parameter rules and problem JSON. Every other request (a token seen for the first time, or
 * expired; another role; an unknown market or seat; another content type, Accept or path form) goes on unchanged to
 * {@link MarketResource#submit}, which stays the documented endpoint and decides those answers, so this route can only
 * ever take what that endpoint would have accepted for the same caller.
 */
@ApplicationScoped
public class ReportRoute {
    /** The path as market ids and round numbers are written; anything else (encoded, a trailing slash) goes to JAX-RS. */
    private static final Pattern PATH = Pattern.compile("/api/markets/(m-[0-9a-f]{10})/rounds/([0-9]{1,10})/reports");
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String TEMPLATE = "/api/markets/{id}/rounds/{round}/reports";

    private final MarketService markets;
    private final VerifiedTokens tokens;
    private final Caller caller;
    private final int maxBody;
    private final Counter served;

    ReportRoute(MarketService markets, VerifiedTokens tokens, Caller caller,
                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody, MeterRegistry meters) {
        this.markets = markets;
        this.tokens = tokens;
        this.caller = caller;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE, maxBody.asLongValue());
        this.served = Counter.builder("agora.reports.hot-path").description("reports taken on the router's hot path").register(meters);
    }

    /** After the size limits ({@code HttpLimits}), before the security layer and JAX-RS. */
    void install(@Observes Router router) {
        router.post().pathRegex(PATH.pattern()).order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Matcher path = PATH.matcher(request.path());
        SecurityIdentity identity = path.matches() && plainJson(request.headers()) ? tokens.remembered(bearer(request.headers())) : null;
        String bot = identity != null && identity.hasRole("bot") ? caller.name(identity) : null;
        String marketId = bot == null ? null : path.group(1);
        if (bot == null || !markets.knows(marketId, bot)) {
            ctx.next();
            return;
        }
        served.increment();
        // The HTTP metrics' uri tag: the template, as JAX-RS gives it, not one series per market and round.
        ((io.vertx.core.http.impl.HttpServerRequestInternal) request).context().putLocal("UrlPathTemplate", TEMPLATE);
        String key = request.getHeader("Idempotency-Key");
        String round = path.group(2);
        SmallBody.read(ctx, maxBody, body -> submit(ctx, marketId, bot, round, key, body),
                (status, reason) -> ProblemMappers.write(ctx.response(), status, "body", reason));
    }

    /** The same steps, in the same order, as {@link MarketResource#submit}. */
    private void submit(RoutingContext ctx, String marketId, String bot, String roundText, String key, String body) {
        try {
            int round = Params.wholeNumber("round", roundText, -1, 0, Integer.MAX_VALUE);
            caller.admit(bot);
            markets.submit(marketId, bot, round, key, body).subscribe().with(receipt -> answer(ctx, receipt), failure -> fail(ctx, failure));
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    private static void answer(RoutingContext ctx, ReportReceipt receipt) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(receipt.duplicate() ? 200 : 201).putHeader("Content-Type", JSON).end(WireJson.write(receipt));
        }
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        ProblemException p = ProblemMappers.of(failure);
        ProblemMappers.write(ctx.response(), p.status(), p.field(), p.getMessage());
    }

    /**
     * Whether the request is as JAX-RS takes it without a question: one JSON body (no charset other than UTF-8), a
     * length, no {@code Expect}, an {@code Accept} that JSON satisfies, one idempotency key and one token.
     */
    private static boolean plainJson(MultiMap headers) {
        String type = headers.get("Content-Type");
        if (type == null || headers.get("Content-Length") == null || headers.get("Expect") != null
                || headers.getAll("Idempotency-Key").size() > 1 || headers.getAll("Authorization").size() != 1) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!t.equals("application/json") && !t.equals("application/json;charset=utf-8")) {
            return false;
        }
        String accept = headers.get("Accept");
        return accept == null || headers.getAll("Accept").size() == 1 && (accept.equals("*/*") || accept.equals("application/json"));
    }

    /** The bearer token of the request, or null. */
    private static String bearer(MultiMap headers) {
        String auth = headers.get("Authorization");
        return auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
    }
}
