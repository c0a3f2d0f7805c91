package io.agora.gateway.market;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.WireJson;
import io.agora.sdk.wire.LeaderboardRow;
import io.agora.sdk.wire.LedgerEntry;
import io.agora.sdk.wire.MarketCreate;
import io.agora.sdk.wire.MarketEvent;
import io.agora.sdk.wire.MarketView;
import io.agora.sdk.wire.ReportReceipt;
import io.agora.sdk.wire.RoundView;
import io.agora.sdk.wire.SeatResult;
import io.agora.sdk.wire.SeatView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.List;

/** The markets API: experimenters create and close markets; bots join, read their round, report and read results. */
@Path("/api/markets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "markets")
public class MarketResource {
    private final MarketService markets;
    private final LedgerService ledger;
    private final MarketEvents events;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final Duration maxWait;

    MarketResource(MarketService markets, LedgerService ledger, MarketEvents events, Caller caller, SecurityIdentity identity,
                   @ConfigProperty(name = "agora.rounds.max-wait") Duration maxWait) {
        this.markets = markets;
        this.ledger = ledger;
        this.events = events;
        this.caller = caller;
        this.identity = identity;
        this.maxWait = maxWait;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "Create a market from a mechanism id and its parameters")
    public Uni<Response> create(String body) {
        MarketCreate request = WireJson.read(body, MarketCreate.class);
        return markets.create(request, caller.admit(identity))
                .map(view -> Response.status(201).entity(view).header("Location", "/api/markets/" + view.id()).build());
    }

    @GET
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "List markets")
    public Uni<List<MarketView>> list() {
        caller.admit(identity);
        return markets.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Get a market")
    public Uni<MarketView> get(@PathParam("id") String id) {
        caller.admit(identity);
        return markets.get(id);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "Close a market; its open round is abandoned")
    public Uni<MarketView> close(@PathParam("id") String id) {
        caller.admit(identity);
        return markets.close(id);
    }

    @POST
    @Path("{id}/seats")
    @RolesAllowed("bot")
    @Operation(summary = "Join a market as a bot: take a seat (or get the one you hold)")
    public Uni<SeatView> join(@PathParam("id") String id) {
        return markets.join(id, caller.admit(identity));
    }

    @GET
    @Path("{id}/rounds/current")
    @RolesAllowed("bot")
    @Operation(summary = "The current round for your seat: public context and your private type. "
            + "With waitMillis, waits for a round after `after` to open (long poll).")
    public Uni<RoundView> round(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") int after,
                                @QueryParam("waitMillis") @DefaultValue("0") long waitMillis) {
        if (waitMillis < 0 || waitMillis > maxWait.toMillis()) {
            throw ProblemException.badRequest("waitMillis", "must be in [0, " + maxWait.toMillis() + "]");
        }
        return markets.round(id, caller.admit(identity), after, Duration.ofMillis(waitMillis));
    }

    @GET
    @Path("{id}/rounds/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed("bot")
    @Operation(summary = "Server-sent events: your round (public context and your private type) each time one opens, "
            + "the current one first; a last event says when the market finished")
    public Multi<RoundView> rounds(@PathParam("id") String id) {
        return markets.rounds(id, caller.admit(identity));
    }

    @POST
    @Path("{id}/rounds/{round}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("bot")
    @Operation(summary = "Submit your report for a round; durable when acknowledged. Retrying with the same Idempotency-Key is a no-op")
    public Uni<Response> submit(@PathParam("id") String id, @PathParam("round") int round,
                                @HeaderParam("Idempotency-Key") String key, String body) {
        return markets.submit(id, caller.admit(identity), round, key, body)
                .map(receipt -> Response.status(receipt.duplicate() ? 200 : 201).entity(receipt).build());
    }

    @GET
    @Path("{id}/rounds/{round}/result")
    @RolesAllowed("bot")
    @Operation(summary = "Your result of a settled round: outcome, your payment and utility")
    public Uni<SeatResult> result(@PathParam("id") String id, @PathParam("round") int round) {
        String seat = markets.seatOf(id, caller.admit(identity));
        return ledger.result(id, seat, round);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Server-sent events: round-opened, round-cleared, round-failed")
    public Multi<MarketEvent> events(@PathParam("id") String id) {
        caller.admit(identity);
        markets.rules(id);
        return events.of(id);
    }

    @GET
    @Path("{id}/ledger")
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "The market's full ledger")
    public Uni<List<LedgerEntry>> marketLedger(@PathParam("id") String id) {
        caller.admit(identity);
        markets.rules(id);
        return ledger.ofMarket(id);
    }

    @GET
    @Path("{id}/leaderboard")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Bots ranked by total utility")
    public Uni<List<LeaderboardRow>> leaderboard(@PathParam("id") String id) {
        caller.admit(identity);
        markets.rules(id);
        return ledger.leaderboard(id);
    }
}
