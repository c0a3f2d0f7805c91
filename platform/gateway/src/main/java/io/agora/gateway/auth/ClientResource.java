package io.agora.gateway.auth;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.WireJson;
import io.agora.wire.ClientCreate;
import io.agora.wire.ClientCredentials;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Admins register bots (and experimenters, admins) with the embedded issuer. The OpenAPI annotations give the
 * operations' own answers; the shared error answers come from io.agora.gateway.web.OpenApiDocument.
 */
@Path("/api/admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class ClientResource {
    private final ClientService clients;
    private final LocalIssuer issuer;
    private static final String OIDC_MODE = "The embedded issuer is off (OIDC mode): clients are registered with the OIDC provider";
    private final Caller caller;
    private final SecurityIdentity identity;

    ClientResource(ClientService clients, LocalIssuer issuer, Caller caller, SecurityIdentity identity) {
        this.clients = clients;
        this.issuer = issuer;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Register a client (bot, experimenter or admin); the secret is shown once")
    @APIResponse(responseCode = "201", description = "The client with its secret (shown this once)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientCredentials.class)))
    @APIResponse(responseCode = "400", description = "name or role is missing or invalid, or the JSON is malformed or has an "
            + "unknown field; the problem's field names it")
    @APIResponse(responseCode = "409", description = "A client with this name exists (field name), or the embedded issuer is off")
    public Uni<Response> create(@RequestBody(required = true, description = "The client to register (strict JSON)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientCreate.class))) String body) {
        caller.admit(identity);
        requireLocal();
        return clients.create(WireJson.read(body, ClientCreate.class)).map(c -> Response.status(201).entity(c).build());
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List registered clients (without secrets)")
    @APIResponse(responseCode = "200", description = "The clients, without secrets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ClientCredentials.class)))
    @APIResponse(responseCode = "409", description = OIDC_MODE)
    public Uni<List<ClientCredentials>> list() {
        caller.admit(identity);
        requireLocal();
        return clients.list();
    }

    private void requireLocal() {
        if (!issuer.enabled()) {
            throw ProblemException.conflict(null, "clients are registered with the OIDC provider when the embedded issuer is off");
        }
    }
}
