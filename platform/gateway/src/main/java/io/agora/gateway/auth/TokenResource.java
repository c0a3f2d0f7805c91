package io.agora.gateway.auth;

import io.agora.gateway.web.ProblemException;
import io.agora.sdk.wire.TokenResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The OAuth2 token endpoint of local mode (RFC 6749 §4.4, client-credentials grant): client id and secret in the
 * form or as HTTP Basic. Answers only on loopback, and only in local mode; errors use OAuth2's error JSON.
 */
@Path("/oauth/token")
@Tag(name = "auth")
public class TokenResource {
    private final LocalIssuer issuer;
    private final ClientService clients;

    TokenResource(LocalIssuer issuer, ClientService clients) {
        this.issuer = issuer;
        this.clients = clients;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an access token (client-credentials grant; local mode only)")
    public Uni<Response> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                               @FormParam("client_secret") String clientSecret, @HeaderParam("Authorization") String authorization,
                               @Context HttpServerRequest request) {
        if (!issuer.enabled()) {
            throw ProblemException.notFound(null, "the embedded token issuer is off; get tokens from the OIDC provider");
        }
        if (!loopback(request)) {
            throw new ProblemException(403, null, "the embedded token issuer answers on loopback only");
        }
        if (!"client_credentials".equals(grantType)) {
            return Uni.createFrom().item(error(400, "unsupported_grant_type", "grant_type must be client_credentials"));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            clientId = pair[0];
            clientSecret = pair.length > 1 ? pair[1] : null;
        }
        if (clientId == null || clientSecret == null) {
            return Uni.createFrom().item(error(401, "invalid_client", "client_id and client_secret are required"));
        }
        return clients.verify(clientId, clientSecret).map(client -> client == null
                ? error(401, "invalid_client", "unknown client or wrong secret")
                : Response.ok(new TokenResponse(issuer.mint(client), "Bearer", issuer.lifetime().toSeconds()))
                        .header("Cache-Control", "no-store").build());
    }

    private static boolean loopback(HttpServerRequest request) {
        try {
            return InetAddress.getByName(request.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Response error(int status, String code, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", code, "error_description", description)).build();
    }
}
