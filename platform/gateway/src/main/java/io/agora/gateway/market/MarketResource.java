package io.agora.gateway.market;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.Params;
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
    private final Caller caller;
    private final SecurityIdentity identity;
    private final Duration maxWait;
    /** Markets per page of the list, by default and at most. */
    private static final int PAGE = 100;
    private static final int MAX_PAGE = 500;

    MarketResource(MarketService markets, LedgerService ledger, Caller caller, SecurityIdentity identity,
                   @ConfigProperty(name = "agora.rounds.max-wait") Duration maxWait) {
        this.markets = markets;
        this.ledger = ledger;
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
    @Operation(summary = "List markets, oldest first, a page at a time (without params and reference: get a market for those); "
            + "the total is in the X-Total-Count header")
    public Uni<Response> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        caller.admit(identity);
        int from = Params.wholeNumber("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.wholeNumber("limit", limit, PAGE, 1, MAX_PAGE);
        int total = markets.count();
        return markets.list(from, size).map(page -> Response.ok(page).header("X-Total-Count", total).build());
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
    public Uni<RoundView> round(@PathParam("id") String id, @QueryParam("after") String after, @QueryParam("waitMillis") String waitMillis) {
        int afterRound = Params.wholeNumber("after", after, 0, 0, Integer.MAX_VALUE);
        long wait = Params.wholeNumber("waitMillis", waitMillis, 0L, 0L, maxWait.toMillis());
        return markets.round(id, caller.admit(identity), afterRound, Duration.ofMillis(wait));
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
    public Uni<Response> submit(@PathParam("id") String id, @PathParam("round") String round,
                                @HeaderParam("Idempotency-Key") String key, String body) {
        int r = Params.wholeNumber("round", round, -1, 0, Integer.MAX_VALUE);
        return markets.submit(id, caller.admit(identity), r, key, body)
                .map(receipt -> Response.status(receipt.duplicate() ? 200 : 201).entity(receipt).build());
    }

    @GET
    @Path("{id}/rounds/{round}/result")
    @RolesAllowed("bot")
    @Operation(summary = "Your result of a settled round: outcome, your payment and utility")
    public Uni<SeatResult> result(@PathParam("id") String id, @PathParam("round") String round) {
        int r = Params.wholeNumber("round", round, -1, 0, Integer.MAX_VALUE);
        String seat = markets.seatOf(id, caller.admit(identity));
        return ledger.result(id, seat, r);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Server-sent events: round-opened, round-cleared, round-failed; the stream ends with market-finished "
            + "or market-closed")
    public Multi<MarketEvent> events(@PathParam("id") String id) {
        caller.admit(identity);
        return markets.events(id);
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
    @Operation(summary = "Bots ranked by total utility. Experimenters and admins see it at any time; bots once the market "
            + "has finished or closed (while it runs, totals differenced round by round would reveal every bot's payment)")
    public Uni<List<LeaderboardRow>> leaderboard(@PathParam("id") String id) {
        caller.admit(identity);
        markets.rules(id);
        // The phase comes from the market's actor; the ledger query must run back on this request's Vert.x context.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<Boolean> visible = identity.hasRole("experimenter") || identity.hasRole("admin")
                ? Uni.createFrom().item(true) : markets.hasEnded(id).emitOn(task -> context.runOnContext(v -> task.run()));
        return visible.chain(ok -> {
            if (!ok) {
                throw new ProblemException(403, "marketId", "the leaderboard of market " + id
                        + " is published when the market finishes or closes; until then your own results are at /rounds/{round}/result");
            }
            return ledger.leaderboard(id);
        });
    }
}
