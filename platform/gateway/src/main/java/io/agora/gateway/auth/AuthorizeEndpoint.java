package io.agora.gateway.auth;

import io.agora.gateway.web.SmallBody;
import io.agora.gateway.web.TokenBuckets;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local issuer's sign-in (RFC 6749 §4.1 with PKCE): {@code GET /oauth/authorize} shows the login page to a person
 * sent by the web UI; a correct client id and secret posted back redirect to the UI with a single-use code, which the
 * UI redeems at the token endpoint with its verifier. Only the web UI's client may ask, only for a redirect back to the
 * UI on the host the browser used, and only with an S256 challenge. Bad parameters get a page that names the parameter
 * and the rule (never a redirect: a bad redirect URI must not be followed); a wrong secret gets the page again.
 */
@ApplicationScoped
public class AuthorizeEndpoint {
    /** The path of the endpoint. */
    public static final String PATH = "/oauth/authorize";
    private static final Logger LOG = Logger.getLogger(AuthorizeEndpoint.class);
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");
    private static final int MAX_STATE = 255;
    private final LocalIssuer issuer;
    private final ClientService clients;
    private final AuthorizationCodes codes;
    private final TokenBuckets perAddress;
    private final String uiClient;
    private final int maxBody;

    AuthorizeEndpoint(LocalIssuer issuer, ClientService clients, AuthorizationCodes codes,
                      @ConfigProperty(name = "agora.auth.token-requests-per-second") double perSecond,
                      @ConfigProperty(name = "agora.ui.client-id") String uiClient,
                      @ConfigProperty(name = "agora.auth.token-max-body") int maxBody) {
        this.issuer = issuer;
        this.clients = clients;
        this.codes = codes;
        this.perAddress = new TokenBuckets(perSecond);
        this.uiClient = uiClient;
        this.maxBody = maxBody;
    }

    void install(@Observes Router router) {
        router.route(PATH).order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!issuer.enabled()) {
            page(ctx, 404, LoginPage.error("This gateway signs in through its OIDC provider, not here."));
            return;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!TokenEndpoint.loopback(address)) { // its codes are redeemed at the token endpoint, which answers loopback only
            page(ctx, 403, LoginPage.error("The embedded token issuer signs in on this machine only; use an OIDC provider to sign in from elsewhere."));
            return;
        }
        if (!perAddress.take(address)) {
            ctx.response().putHeader("Retry-After", "1");
            page(ctx, 429, LoginPage.error("Too many sign-in attempts from your address; wait a second and try again."));
            return;
        }
        if (request.method() == HttpMethod.GET) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String name : request.params().names()) {
                if (request.params().getAll(name).size() > 1) {
                    page(ctx, 400, LoginPage.error(name + " appears more than once."));
                    return;
                }
                params.put(name, request.getParam(name));
            }
            String problem = problem(params, request.host());
            page(ctx, problem == null ? 200 : 400, problem == null ? LoginPage.form(params, null) : LoginPage.error(problem));
        } else if (request.method() == HttpMethod.POST) {
            SmallBody.read(ctx, maxBody, body -> signIn(ctx, address, body), (status, reason) -> page(ctx, status, LoginPage.error(reason)));
        } else {
            ctx.response().putHeader("Allow", "GET, POST");
            page(ctx, 405, LoginPage.error("Use GET or POST."));
        }
    }

    private void signIn(RoutingContext ctx, String address, String body) {
        Map<String, String> form;
        try {
            form = TokenRequest.form(body);
        } catch (TokenRequest.Refusal r) {
            page(ctx, 400, LoginPage.error(r.getMessage()));
            return;
        }
        String problem = problem(form, ctx.request().host());
        if (problem != null) {
            page(ctx, 400, LoginPage.error(problem));
            return;
        }
        String id = form.getOrDefault("username", "");
        String secret = form.getOrDefault("password", "");
        if (id.isEmpty() || secret.isEmpty() || id.length() > 255 || secret.length() > 255) {
            page(ctx, 400, LoginPage.form(form, "Enter your client id and secret."));
            return;
        }
        VertxContext.getOrCreateDuplicatedContext(Vertx.currentContext()).runOnContext(v ->
                clients.verify(id, secret).subscribe().with(client -> {
                    if (client == null) {
                        LOG.infof("sign-in from %s refused: unknown client or wrong secret", address);
                        page(ctx, 401, LoginPage.form(form, "Unknown client id, or wrong secret."));
                        return;
                    }
                    String code = codes.issue(client, form.get("client_id"), form.get("redirect_uri"), form.get("code_challenge"));
                    if (code == null) {
                        page(ctx, 503, LoginPage.error("Too many sign-ins are waiting; try again in a minute."));
                        return;
                    }
                    String state = form.get("state");
                    String target = form.get("redirect_uri") + (form.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                            + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
                    ctx.response().setStatusCode(303).putHeader("Location", target).putHeader("Cache-Control", "no-store").end();
                }, failure -> {
                    LOG.warnf("sign-in from %s failed: %s", address, failure.toString());
                    page(ctx, 503, LoginPage.error("The client store did not answer; try again."));
                }));
        codes.sweep();
    }

    /**
     * What is wrong with an authorization request's parameters, in the API's words, or {@code null}: the web UI's
     * client, a code with an S256 challenge, and a redirect back into the UI on {@code host}, the host the browser asked.
     */
    String problem(Map<String, String> params, String host) {
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code.";
        }
        if (!uiClient.equals(params.get("client_id"))) {
            return "client_id must be the web UI's (" + uiClient + "); bots get tokens with their secret at /oauth/token.";
        }
        String redirect = params.get("redirect_uri");
        if (redirect == null || !intoTheUi(redirect, host)) {
            return "redirect_uri must be an http(s) address of this gateway's web UI (/ui/ on the host you used).";
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            return "code_challenge_method must be S256.";
        }
        String challenge = params.get("code_challenge");
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            return "code_challenge must be 43 to 128 base64url characters.";
        }
        String state = params.get("state");
        if (state != null && state.length() > MAX_STATE) {
            return "state must be at most " + MAX_STATE + " characters.";
        }
        return null;
    }

    private static boolean intoTheUi(String redirect, String host) {
        try {
            URI uri = new URI(redirect);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getRawAuthority() != null
                    && uri.getRawAuthority().equalsIgnoreCase(host) && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/ui/") && !uri.getRawPath().contains("..");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void page(RoutingContext ctx, int status, String html) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .end(html);
    }
}
