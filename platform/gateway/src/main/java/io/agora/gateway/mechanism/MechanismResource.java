package io.agora.gateway.mechanism;

import io.agora.gateway.web.Caller;
import io.agora.wire.ExtensionView;
import io.agora.wire.MechanismView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * What the installed plugins offer: {@code GET /api/mechanisms} (what markets can run, and what a report of each looks
 * like), {@code /api/strategies} and {@code /api/models}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mechanisms")
public class MechanismResource {
    private final MechanismCatalog catalog;
    private final Caller caller;
    private final SecurityIdentity identity;

    MechanismResource(MechanismCatalog catalog, Caller caller, SecurityIdentity identity) {
        this.catalog = catalog;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Path("mechanisms")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "List the installed mechanisms with their parameters and the components of their report")
    @APIResponse(responseCode = "200", description = "The mechanisms, each with its report shape under the default parameters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = MechanismView.class)))
    public List<MechanismView> list() {
        caller.admit(identity);
        return catalog.all().stream().map(MechanismCatalog.Described::view).toList();
    }

    @GET
    @Path("strategies")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "List the installed strategy policies (for hosted agents and SDK bots) with their parameters")
    @APIResponse(responseCode = "200", description = "The strategies",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ExtensionView.class)))
    public List<ExtensionView> strategies() {
        caller.admit(identity);
        return catalog.strategies();
    }

    @GET
    @Path("models")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "List the installed kinds of language model with their parameters")
    @APIResponse(responseCode = "200", description = "The kinds of model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ExtensionView.class)))
    public List<ExtensionView> models() {
        caller.admit(identity);
        return catalog.models();
    }
}
