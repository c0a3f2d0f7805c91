package io.agora.gateway.auth;

import io.agora.gateway.web.ProblemMappers;
import io.agora.gateway.web.SmallBody;
import io.agora.gateway.web.TokenBuckets;
import io.agora.gateway.web.WireJson;
import io.agora.wire.TokenResponse;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The OAuth2 token endpoint of local mode (RFC 6749: client credentials, §4.4, and the codes of sign-ins through the
 * login page, §4.1, with PKCE), as a route of its own
 * rather than a JAX-RS resource: it is the one unauthenticated endpoint, so it reads its body itself, with a small
 * cap checked as bytes arrive (a 10 MB chunked body once cost 1,463 stack traces), limits requests per remote
 * address, decodes the form strictly, and answers every refusal with OAuth2's error JSON and at most one log line.
 */
@ApplicationScoped
public class TokenEndpoint {
    /** The path of the endpoint. */
    public static final String PATH = "/oauth/token";
    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class);
    private final LocalIssuer issuer;
    private final ClientService clients;
    private final AuthorizationCodes codes;
    private final TokenBuckets perAddress;
    private final int maxBody;

    TokenEndpoint(LocalIssuer issuer, ClientService clients, AuthorizationCodes codes,
                  @ConfigProperty(name = "agora.auth.token-requests-per-second") double perSecond,
                  @ConfigProperty(name = "agora.auth.token-max-body") int maxBody) {
        this.issuer = issuer;
        this.clients = clients;
        this.codes = codes;
        this.perAddress = new TokenBuckets(perSecond);
        this.maxBody = maxBody;
    }

    void install(@Observes Router router) {
        router.route(PATH).order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            end(ctx, 405, Map.of("error", "invalid_request", "error_description", "use POST"), null);
            return;
        }
        if (!issuer.enabled()) {
            ProblemMappers.write(ctx.response(), 404, null, "the embedded token issuer is off; get tokens from the OIDC provider");
            return;
        }
        if (!loopback(address)) {
            ProblemMappers.write(ctx.response(), 403, null, "the embedded token issuer answers on loopback only");
            return;
        }
        if (!perAddress.take(address)) {
            ctx.response().putHeader("Retry-After", "1");
            end(ctx, 429, error("invalid_request", "too many token requests from your address; at most "
                    + perAddress.perSecond() + " per second"), null);
            return;
        }
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            refuse(ctx, address, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return;
        }
        SmallBody.read(ctx, maxBody, body -> grant(ctx, address, body),
                (status, reason) -> refuse(ctx, address, status, "invalid_request", reason));
    }

    private void grant(RoutingContext ctx, String address, String body) {
        TokenRequest token;
        try {
            token = TokenRequest.parse(body, ctx.request().getHeader("Authorization"));
        } catch (TokenRequest.Refusal r) {
            if (r.status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"agora\"");
            }
            refuse(ctx, address, r.status(), r.code(), r.getMessage());
            return;
        }
        if (token.redeemsCode()) {
            ClientEntity signedIn = codes.redeem(token.code(), token.clientId(), token.redirectUri(), token.codeVerifier());
            if (signedIn == null) {
                refuse(ctx, address, 400, "invalid_grant", "the code is unknown, used, expired, or not issued for this client, "
                        + "redirect_uri and code_verifier; sign in again");
                return;
            }
            answer(ctx, address, signedIn);
            return;
        }
        // Hibernate Reactive needs a duplicated Vert.x context of its own for the lookup.
        Context context = VertxContext.getOrCreateDuplicatedContext(Vertx.currentContext());
        context.runOnContext(v -> clients.verify(token.clientId(), token.clientSecret()).subscribe().with(client -> {
            if (client == null) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"agora\"");
                refuse(ctx, address, 401, "invalid_client", "unknown client or wrong secret");
                return;
            }
            answer(ctx, address, client);
        }, failure -> {
            LOG.warnf("token request from %s failed: %s", address, failure.toString());
            end(ctx, 503, error("temporarily_unavailable", "the client store did not answer; retry"), null);
        }));
    }

    /** A token for {@code client}: the one that authenticated, or the one that signed in for a code. */
    private void answer(RoutingContext ctx, String address, ClientEntity client) {
        String signed;
        try {
            signed = issuer.mint(client);
        } catch (RuntimeException e) {
            LOG.errorf("token request from %s: the token could not be signed: %s", address, e.toString());
            end(ctx, 503, error("temporarily_unavailable", "the token could not be signed; retry"), null);
            return;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        end(ctx, 200, new TokenResponse(signed, "Bearer", issuer.lifetime().toSeconds()), null);
    }

    private void refuse(RoutingContext ctx, String address, int status, String code, String description) {
        LOG.infof("token request from %s refused: %d %s (%s)", address, status, code, description);
        end(ctx, status, error(code, description), status == 413 ? "close" : null);
    }

    private static void end(RoutingContext ctx, int status, Object json, String connection) {
        if (ctx.response().ended() || ctx.response().closed()) { // answered already, or the client went away
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (connection != null) {
            ctx.response().putHeader("Connection", connection);
        }
        ctx.response().end(WireJson.write(json)).onComplete(done -> {
            if (connection != null) {
                ctx.request().connection().close(); // the rest of an oversized body is not read
            }
        });
    }

    private static Map<String, String> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    /** Whether {@code address} is a loopback address: the embedded issuer serves this machine only. */
    static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
