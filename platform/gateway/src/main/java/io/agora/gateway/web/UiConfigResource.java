package io.agora.gateway.web;

import io.agora.gateway.auth.AuthorizeEndpoint;
import io.agora.gateway.auth.TokenEndpoint;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * How the web UI signs people in: with the embedded issuer, its login page and token endpoint; with an OIDC provider
 * (Keycloak), the provider's issuer, whose discovery document names its pages. The UI itself is static files under
 * {@code /ui/} (module {@code ui}); {@code /} leads there.
 */
@Path("/api/ui/config")
@Tag(name = "ui")
public class UiConfigResource {
    private final String mode;
    private final Optional<String> issuer;
    private final String clientId;

    UiConfigResource(@ConfigProperty(name = "agora.auth.mode") String mode,
                     @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
                     @ConfigProperty(name = "agora.ui.oidc-issuer") Optional<String> publicIssuer,
                     @ConfigProperty(name = "agora.ui.client-id") String clientId) {
        this.mode = mode;
        // Browsers may reach the provider at another address than the gateway does (a container's name inside, a
        // public host outside): agora.ui.oidc-issuer, when set, is the one they use.
        this.issuer = publicIssuer.isPresent() ? publicIssuer : issuer;
        this.clientId = clientId;
    }

    /**
     * The sign-in the UI uses.
     *
     * @param mode          local (the embedded issuer) or oidc
     * @param issuer        the OIDC issuer (oidc mode), whose {@code .well-known/openid-configuration} names its endpoints
     * @param authorizeUrl  the login page (local mode)
     * @param tokenUrl      the token endpoint (local mode)
     * @param clientId      the UI's public client id
     */
    public record UiConfig(String mode, String issuer, String authorizeUrl, String tokenUrl, String clientId) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the web UI signs in (no token needed)")
    public UiConfig config() {
        return "local".equals(mode) ? new UiConfig(mode, null, AuthorizeEndpoint.PATH, TokenEndpoint.PATH, clientId)
                : new UiConfig(mode, issuer.orElse(null), null, null, clientId);
    }

    void home(@Observes Router router) {
        router.route("/").order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if ("/".equals(ctx.request().path())) {
                ctx.response().setStatusCode(302).putHeader("Location", "/ui/").end();
            } else {
                ctx.next();
            }
        });
    }
}
