package io.agora.gateway.market;

import io.agora.gateway.web.Caller;
import io.agora.wire.LedgerEntry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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

/** A bot's own ledger entries, across markets. (Its error answers are documented by io.agora.gateway.web.OpenApiDocument.) */
@Path("/api/ledger/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "markets")
public class MyLedgerResource {
    private final LedgerService ledger;
    private final Caller caller;
    private final SecurityIdentity identity;

    MyLedgerResource(LedgerService ledger, Caller caller, SecurityIdentity identity) {
        this.ledger = ledger;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("bot")
    @Operation(summary = "Your ledger entries")
    @APIResponse(responseCode = "200", description = "Your ledger entries, across markets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LedgerEntry.class)))
    public Uni<List<LedgerEntry>> mine() {
        return ledger.ofBot(caller.admit(identity));
    }
}
