package io.agora.gateway.market;

import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.Caller;
import io.agora.gateway.web.ProblemException;
import io.agora.wire.LadderView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/ladders/{mechanism}}: the bots of a mechanism's finished markets, rated across them. Everyone signed
 * in may read it: it is built only from markets that have finished, whose leaderboards are public.
 */
@Path("/api/ladders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "markets")
public class LadderResource {
    private final LadderService ladders;
    private final Platform platform;
    private final Caller caller;
    private final SecurityIdentity identity;

    LadderResource(LadderService ladders, Platform platform, Caller caller, SecurityIdentity identity) {
        this.ladders = ladders;
        this.platform = platform;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Path("{mechanism}")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "A mechanism's ladder: every bot of its finished markets with a Bradley–Terry strength and 95% interval "
            + "(each pair of bots in a market is a game, won by the higher total utility), its record, and its honesty gap summed "
            + "over those markets")
    @APIResponse(responseCode = "200", description = "The ladder, strongest first; empty until a market of the mechanism finishes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LadderView.class)))
    @APIResponse(responseCode = "404", description = "No mechanism with this id is installed")
    @APIResponse(responseCode = "422", description = "More bots than one fit rates")
    public Uni<LadderView> ladder(@PathParam("mechanism") String mechanism) {
        caller.admit(identity);
        if (!platform.plugins().mechanisms().containsKey(mechanism)) {
            throw ProblemException.notFound("mechanism", "no mechanism '" + io.agora.gateway.web.Params.shorten(mechanism) + "' is installed; GET /api/mechanisms lists them");
        }
        return ladders.ladder(mechanism);
    }
}
