package io.agora.gateway.market;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.Params;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.RequestContext;
import io.agora.gateway.web.WireJson;
import io.agora.wire.LeaderboardRow;
import io.agora.wire.LedgerEntry;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketEvent;
import io.agora.wire.MarketView;
import io.agora.wire.PreferenceRow;
import io.agora.wire.ReportReceipt;
import io.agora.wire.RoundView;
import io.agora.wire.RoundOutcome;
import io.agora.wire.SeatResult;
import io.agora.wire.SeatView;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.List;

/**
 * The markets API: experimenters create and close markets; bots join, read their round, report and read results.
 * The OpenAPI annotations give each operation's success answer and its own errors; the errors every operation shares,
 * and the problem JSON body of all of them, come from {@link io.agora.gateway.web.OpenApiDocument}. Bodies and
 * numeric parameters are taken as strings and parsed strictly here (400 naming the field), so the annotations say
 * what they really are.
 *
 * <p>Length: about 340 lines, nearly all OpenAPI annotations; each method is a few lines that hand the request to
 * {@link MarketService}, {@link LedgerService} or {@link DatasetService}.
 */
@Path("/api/markets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "markets")
public class MarketResource {
    private final MarketService markets;
    private final LedgerService ledger;
    private final DatasetService datasets;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final Duration maxWait;
    /** Markets per page of the list, by default and at most. */
    private static final int PAGE = 100;
    private static final int MAX_PAGE = 500;
    private static final String NO_MARKET = "No market with this id";
    private static final String NO_SEAT = "No market with this id, or you have no seat in it (join it first)";
    private static final String JSON = MediaType.APPLICATION_JSON;

    MarketResource(MarketService markets, LedgerService ledger, DatasetService datasets, Caller caller, SecurityIdentity identity,
                   @ConfigProperty(name = "agora.rounds.max-wait") Duration maxWait) {
        this.markets = markets;
        this.ledger = ledger;
        this.datasets = datasets;
        this.caller = caller;
        this.identity = identity;
        this.maxWait = maxWait;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "Create a market from a mechanism id and its parameters")
    @APIResponse(responseCode = "201", description = "The market, open for seats; its URL is in Location",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = MarketView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, malformed, unknown or out of range; the problem's "
            + "field names it (mechanism, params.*, reference[i], seats, rounds, deadlineMillis, missPolicy, types, name), "
            + "as a JSON path for malformed JSON")
    @APIResponse(responseCode = "422", description = "The mechanism plugin failed on these parameters (field params)")
    public Uni<Response> create(@RequestBody(required = true, description = "The market to open (strict JSON: unknown "
            + "fields, duplicate keys and numbers written as strings are refused)",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = MarketCreate.class))) String body) {
        MarketCreate request = WireJson.read(body, MarketCreate.class);
        return markets.create(request, caller.admit(identity))
                .map(view -> Response.status(201).entity(view).header("Location", "/api/markets/" + view.id()).build());
    }

    @GET
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "List markets, oldest first, a page at a time (without params and reference: get a market for those); "
            + "the total is in the X-Total-Count header")
    @APIResponse(responseCode = "200", description = "A page of markets",
            headers = @Header(name = "X-Total-Count", description = "how many markets there are in all",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = MarketView.class)))
    @APIResponse(responseCode = "400", description = "offset or limit is not a whole number in its range")
    public Uni<Response> list(
            @Parameter(description = "how many markets to skip",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0"))
            @QueryParam("offset") String offset,
            @Parameter(description = "how many markets to return at most",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "" + MAX_PAGE, defaultValue = "" + PAGE))
            @QueryParam("limit") String limit) {
        caller.admit(identity);
        int from = Params.wholeNumber("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.wholeNumber("limit", limit, PAGE, 1, MAX_PAGE);
        return markets.count().chain(total -> markets.list(from, size).map(page -> Response.ok(page).header("X-Total-Count", total).build()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Get a market")
    @APIResponse(responseCode = "200", description = "The market", content = @Content(mediaType = JSON, schema = @Schema(implementation = MarketView.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<MarketView> get(@PathParam("id") String id) {
        caller.admit(identity);
        return markets.known(id, null).chain(() -> markets.get(id));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "Close a market; its open round is abandoned")
    @APIResponse(responseCode = "200", description = "The closed market", content = @Content(mediaType = JSON, schema = @Schema(implementation = MarketView.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<MarketView> close(@PathParam("id") String id) {
        caller.admit(identity);
        return markets.known(id, null).chain(() -> markets.close(id));
    }

    @POST
    @Path("{id}/seats")
    @RolesAllowed("bot")
    @Operation(summary = "Join a market as a bot: take a seat (or get the one you hold)")
    @APIResponse(responseCode = "200", description = "Your seat", content = @Content(mediaType = JSON, schema = @Schema(implementation = SeatView.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    @APIResponse(responseCode = "409", description = "The market is full, no longer open for seats, or a join of yours is in progress (retry)")
    public Uni<SeatView> join(@PathParam("id") String id) {
        String bot = caller.admit(identity);
        return markets.known(id, bot).chain(() -> markets.join(id, bot));
    }

    @GET
    @Path("{id}/rounds/current")
    @RolesAllowed("bot")
    @Operation(summary = "The current round for your seat: public context and your private type. "
            + "With waitMillis, waits for a round after `after` to open (long poll).")
    @APIResponse(responseCode = "200", description = "Your round", content = @Content(mediaType = JSON, schema = @Schema(implementation = RoundView.class)))
    @APIResponse(responseCode = "400", description = "after or waitMillis is not a whole number in its range")
    @APIResponse(responseCode = "404", description = NO_SEAT)
    public Uni<RoundView> round(@PathParam("id") String id,
            @Parameter(description = "with waitMillis: wait for a round after this one",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0"))
            @QueryParam("after") String after,
            @Parameter(description = "how long to wait for that round, at most agora.rounds.max-wait (30000 by default); "
                    + "0 answers at once", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0"))
            @QueryParam("waitMillis") String waitMillis) {
        int afterRound = Params.wholeNumber("after", after, 0, 0, Integer.MAX_VALUE);
        long wait = Params.wholeNumber("waitMillis", waitMillis, 0L, 0L, maxWait.toMillis());
        String bot = caller.admit(identity);
        return markets.known(id, bot).chain(() -> markets.round(id, bot, afterRound, Duration.ofMillis(wait)));
    }

    @GET
    @Path("{id}/rounds/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed("bot")
    @Operation(summary = "Server-sent events: your round (public context and your private type) each time one opens, "
            + "the current one first; a last event says when the market finished")
    @APIResponse(responseCode = "200", description = "A stream of server-sent events; each event's data is a RoundView (JSON)",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.ARRAY, implementation = RoundView.class)))
    @APIResponse(responseCode = "404", description = NO_SEAT)
    @io.smallrye.common.annotation.Blocking
    public Multi<RoundView> rounds(@PathParam("id") String id) {
        String bot = caller.admit(identity);
        markets.knownNow(id, bot); // before the stream starts, so that an unknown market or seat is a 404, not a cut stream
        return markets.rounds(id, bot);
    }

    @POST
    @Path("{id}/rounds/{round}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("bot")
    @Operation(summary = "Submit your report for a round; durable when acknowledged. Retrying with the same Idempotency-Key is a no-op")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = JSON, schema = @Schema(implementation = ReportReceipt.class)))
    @APIResponse(responseCode = "200", description = "Already stored with this Idempotency-Key (a retry); nothing changed",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ReportReceipt.class)))
    @APIResponse(responseCode = "400", description = "round or Idempotency-Key is missing or malformed, or a report field is "
            + "not one of the mechanism's or has a value of the wrong kind (rewards[i], bid, ...; a JSON path for malformed "
            + "JSON); the problem's field names it")
    @APIResponse(responseCode = "404", description = NO_SEAT)
    @APIResponse(responseCode = "409", description = "The round is not open (or no longer takes reports), the market has "
            + "ended, or the Idempotency-Key was used for a different report")
    @APIResponse(responseCode = "422", description = "A component breaks its rule (out of bounds, not normalized, a ranking "
            + "that lists an outcome twice, ...), or the mechanism's own rules refuse the report; the field names the component")
    public Uni<Response> submit(@PathParam("id") String id,
                                @Parameter(description = "the round the report is for", schema = @Schema(type = SchemaType.INTEGER,
                                        format = "int32", minimum = "0", maximum = "2147483647")) @PathParam("round") String round,
                                @Parameter(required = true, description = "any string of up to 200 characters, new for each "
                                        + "new report; a retry with the same key and report is a no-op")
                                @HeaderParam("Idempotency-Key") String key,
                                @RequestBody(required = true, description = "Your report (strict JSON): one field per component "
                                        + "of the market's mechanism's report, as the round's reportShape and GET /api/mechanisms "
                                        + "describe it; the schemas Report-<mechanism> give each installed mechanism's",
                                        content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.OBJECT))) String body) {
        int r = Params.wholeNumber("round", round, -1, 0, Integer.MAX_VALUE);
        String bot = caller.admit(identity);
        return markets.known(id, bot).chain(() -> markets.submit(id, bot, r, key, body))
                .map(receipt -> Response.status(receipt.duplicate() ? 200 : 201).entity(receipt).build());
    }

    @GET
    @Path("{id}/rounds/{round}/result")
    @RolesAllowed("bot")
    @Operation(summary = "Your result of a settled round: outcome, your payment and utility")
    @APIResponse(responseCode = "200", description = "Your result", content = @Content(mediaType = JSON, schema = @Schema(implementation = SeatResult.class)))
    @APIResponse(responseCode = "400", description = "round is not a whole number in its range")
    @APIResponse(responseCode = "404", description = "No market with this id, you have no seat in it, or the round has not settled")
    public Uni<SeatResult> result(@PathParam("id") String id,
                                  @Parameter(description = "a settled round", schema = @Schema(type = SchemaType.INTEGER,
                                          format = "int32", minimum = "0", maximum = "2147483647")) @PathParam("round") String round) {
        int r = Params.wholeNumber("round", round, -1, 0, Integer.MAX_VALUE);
        String bot = caller.admit(identity);
        return markets.known(id, bot).chain(() -> ledger.result(id, markets.seatOf(id, bot), r));
    }

    @GET
    @Path("{id}/rounds")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "The outcomes of the market's settled rounds (the latest ones, oldest first): what the event stream "
            + "announced, for anyone who was not listening; no seat's report, type or payment")
    @APIResponse(responseCode = "200", description = "The rounds",
            content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RoundOutcome.class)))
    @APIResponse(responseCode = "400", description = "last is not a whole number in [1, 1000]")
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<List<RoundOutcome>> rounds(@PathParam("id") String id,
                                          @Parameter(description = "how many of the latest rounds (default 100)", schema = @Schema(type = SchemaType.INTEGER,
                                                  minimum = "1", maximum = "1000")) @QueryParam("last") String last) {
        caller.admit(identity);
        int count = Params.wholeNumber("last", last, 100, 1, 1000);
        return ofMarket(id, () -> ledger.outcomes(id, count));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Server-sent events: round-opened, round-cleared, round-failed; the stream ends with market-finished "
            + "or market-closed")
    @APIResponse(responseCode = "200", description = "A stream of server-sent events; each event's data is a MarketEvent (JSON)",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.ARRAY, implementation = MarketEvent.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    @io.smallrye.common.annotation.Blocking
    public Multi<MarketEvent> events(@PathParam("id") String id) {
        caller.admit(identity);
        markets.knownNow(id, null); // before the stream starts, so that an unknown market is a 404, not a cut stream
        return markets.events(id);
    }

    @GET
    @Path("{id}/ledger")
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "The market's full ledger")
    @APIResponse(responseCode = "200", description = "The ledger entries",
            content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LedgerEntry.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<List<LedgerEntry>> marketLedger(@PathParam("id") String id) {
        caller.admit(identity);
        return ofMarket(id, () -> ledger.ofMarket(id));
    }

    @GET
    @Path("{id}/dataset")
    @Produces("application/x-ndjson")
    @RolesAllowed({"experimenter", "admin"})
    @Operation(summary = "The market's dataset: the preference pairs its settled rounds produced (a data auction's bought pairs "
            + "with their QA-DPO weights, soft labels, rankings with annotator ids), as JSON lines of prompt, chosen, rejected, "
            + "weight, annotator and round: the preference format DPO trainers read")
    @APIResponse(responseCode = "200", description = "One PreferenceRow per line; empty when no round produced pairs",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = PreferenceRow.class)))
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<String> dataset(@PathParam("id") String id) {
        caller.admit(identity);
        return ofMarket(id, () -> datasets.jsonLines(id));
    }

    @GET
    @Path("{id}/leaderboard")
    @RolesAllowed({"bot", "experimenter", "admin"})
    @Operation(summary = "Bots ranked by total utility. Experimenters and admins see it at any time; bots once the market "
            + "has finished or closed (while it runs, totals differenced round by round would reveal every bot's payment)")
    @APIResponse(responseCode = "200", description = "The leaderboard",
            content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LeaderboardRow.class)))
    @APIResponse(responseCode = "403", description = "Your role may not do this, or you are a bot and the market is still running")
    @APIResponse(responseCode = "404", description = NO_MARKET)
    public Uni<List<LeaderboardRow>> leaderboard(@PathParam("id") String id) {
        caller.admit(identity);
        boolean privileged = identity.hasRole("experimenter") || identity.hasRole("admin");
        // The phase comes from the market's actor; the ledger query must run back on this request's Vert.x context.
        Uni<Boolean> visible = markets.known(id, null).chain(() -> {
            markets.rules(id);
            return privileged ? Uni.createFrom().item(true) : markets.hasEnded(id).emitOn(RequestContext.current());
        });
        return visible.chain(ok -> {
            if (!ok) {
                throw new ProblemException(403, "marketId", "the leaderboard of market " + id
                        + " is published when the market finishes or closes; until then your own results are at /rounds/{round}/result");
            }
            return ledger.leaderboard(id);
        });
    }

    /** {@code then}, once this node knows market {@code id}: 404 when no node does. */
    private <T> Uni<T> ofMarket(String id, java.util.function.Supplier<Uni<T>> then) {
        return markets.known(id, null).chain(() -> {
            markets.rules(id);
            return then.get();
        });
    }
}
