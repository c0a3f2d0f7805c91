package io.agora.gateway.auth;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.WireJson;
import io.agora.sdk.wire.ClientCreate;
import io.agora.sdk.wire.ClientCredentials;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Admins register bots (and experimenters, admins) with the embedded issuer. */
@Path("/api/admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class ClientResource {
    private final ClientService clients;
    private final LocalIssuer issuer;
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
    public Uni<Response> create(String body) {
        caller.admit(identity);
        requireLocal();
        return clients.create(WireJson.read(body, ClientCreate.class)).map(c -> Response.status(201).entity(c).build());
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List registered clients (without secrets)")
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
