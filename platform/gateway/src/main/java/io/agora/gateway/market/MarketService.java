package io.agora.gateway.market;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.Params;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.RequestContext;
import io.agora.gateway.web.WireJson;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.MarketSharding;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketEvent;
import io.agora.wire.MarketEventType;
import io.agora.wire.MarketPhase;
import io.agora.wire.MarketView;
import io.agora.wire.ReportComponentView;
import io.agora.wire.ReportJson;
import io.agora.wire.ReportReceipt;
import io.agora.wire.RoundView;
import io.agora.wire.SeatView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The market use cases: create, list, close, join, read the round, submit a report. Each market is a
 * {@link Market} Cluster Sharding entity ({@link MarketSharding}) that loads itself through {@link MarketLoader};
 * this service keeps the table of hosted markets (with each market's seats, so that the hot path checks ownership
 * without a query), converts wire records, and starts the open markets at start-up.
 *
 * <p>The market actor owns its seats (a join goes through it and its journal); the copy here is a cache filled from
 * its answers, so that a report is parsed with its seat and a bot without a seat gets its 404 without a message to the
 * market. On a cluster the table is a cache of the database: markets opened and seats taken through other nodes load on
 * their first request here ({@link #known}).
 *
 * <p>Length: about 480 lines because each of the six use cases maps HTTP to its message and back, and the cluster's
 * cache sits with the table it fills; the rules they apply live in the runtime.
 */
@ApplicationScoped
public class MarketService {
    private static final Logger LOG = Logger.getLogger(MarketService.class);

    /**
     * A hosted market: its rules as stored, its entity, its report shape and its seats (bot → seat), plus the parts
     * of every view that never change, read from the stored JSON once rather than on each request.
     */
    record Hosted(MarketEntity rules, EntityRef<Market.Command> actor, ReportShape shape, Map<String, String> seats,
                  Map<String, Object> params, double[] reference, List<String> labels, List<ReportComponentView> shapeView,
                  AtomicReference<ActorRef<Market.Command>> direct) {
    }

    private final Platform platform;
    private final MarketEvents events;
    private final MarketRepositories.Markets markets;
    private final MarketRepositories.Seats seats;
    private final MarketRepositories.Ledger ledger;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Counter created;
    private final MarketAdmission admission;
    private final MarketLoader loader;

    MarketService(Platform platform, MarketEvents events, MarketRepositories.Markets markets, MarketRepositories.Seats seats,
                  MarketRepositories.Ledger ledger, MeterRegistry meters, MarketAdmission admission, MarketLoader loader) {
        this.platform = platform;
        this.events = events;
        this.markets = markets;
        this.seats = seats;
        this.ledger = ledger;
        this.admission = admission;
        this.loader = loader;
        Gauge.builder("agora.markets.hosted", hosted, Map::size).description("markets hosted by this gateway (any phase)").register(meters);
        this.created = Counter.builder("agora.markets.created").description("markets created").register(meters);
    }

    // ---- start-up: resume open markets ----

    void resume(@Observes StartupEvent start) throws Throwable {
        // Markets are sharded entities that load themselves (MarketLoader); this node hosts them (the market role).
        MarketSharding.init(platform.system(), platform.plugins(), loader);
        List<MarketEntity> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(markets::inOrder));
        List<SeatEntity> seatRows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(seats::all));
        int resumed = 0;
        for (MarketEntity row : rows) {
            Map<String, String> seatsOfMarket = new LinkedHashMap<>();
            for (SeatEntity s : seatRows) {
                if (s.marketId.equals(row.id)) {
                    seatsOfMarket.put(s.bot, s.id);
                }
            }
            try {
                Hosted h = host(row, seatsOfMarket);
                if ("open".equals(row.status)) {
                    // Started now rather than on its first request, so that its deadline runs.
                    phase(h).await().atMost(platform.askTimeout().multipliedBy(3));
                    resumed++;
                }
            } catch (RuntimeException e) {
                // A market whose mechanism is no longer installed (or rejects its stored parameters) stays in the
                // database untouched and answers 404 until the plugin is back; the other markets go on.
                hosted.remove(row.id);
                LOG.errorf("market %s cannot be resumed: %s", row.id, e.getMessage());
            }
        }
        LOG.infof("markets: %d known, %d open resumed from the database", rows.size(), resumed);
    }

    // ---- markets ----

    /** Validates {@code request}, stores the market and starts hosting it. */
    public Uni<MarketView> create(MarketCreate request, String owner) {
        // Admission clears a probe round, up to agora.markets.max-seat-outcomes values: a worker thread does it, and
        // the database work comes back to this request's Vert.x context (Hibernate Reactive needs it).
        java.util.concurrent.Executor backHere = RequestContext.current();
        return Uni.createFrom().item(() -> admission.admit(request, owner))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(backHere)
                .chain(row -> Panache.withTransaction(() -> markets.persist(row).call(saved -> ledger.fund(saved))))
                .invoke(() -> created.increment())
                .map(saved -> host(saved, new ConcurrentHashMap<>()))
                .chain(h -> view(h));
    }

    /** How many markets there are (for paging), as stored: on a cluster, markets opened on other nodes count too. */
    public Uni<Long> count() {
        return Panache.withSession(() -> markets.count());
    }

    /**
     * A page of markets, oldest first, without their parameters and reference (a market's own view has them), so
     * that a list stays small however large each market is. Read from the database, so that every node of a cluster
     * lists every market.
     */
    public Uni<List<MarketView>> list(int offset, int limit) {
        return Panache.withSession(() -> markets.page(offset, limit)).chain(rows -> {
            List<Uni<MarketView>> views = new ArrayList<>();
            for (MarketEntity row : rows) {
                Hosted h = hosted.get(row.id);
                if (h == null) {
                    try {
                        h = host(row, Map.of());
                    } catch (RuntimeException e) {
                        continue; // its mechanism is not installed on this node (logged when it was resumed)
                    }
                }
                views.add(view(h).map(v -> new MarketView(v.id(), v.name(), v.mechanism(), null, null, v.seats(), v.seated(),
                        v.rounds(), v.deadlineMillis(), v.missPolicy(), v.phase(), v.round(), v.owner(), v.createdAt(), v.budget(),
                        v.prompt(), null)));
            }
            return views.isEmpty() ? Uni.createFrom().item(List.<MarketView>of()) : Uni.join().all(views).andFailFast();
        });
    }

    /**
     * Makes sure this node knows market {@code marketId}, and {@code bot}'s seat in it when a bot is given: at once when
     * it does (the hot path), else from the database. On a cluster a market may have been opened, or a seat taken,
     * through another node; the database is the truth, and this node's table a cache of it. Completes with nothing
     * either way: the use case that follows answers 404 for what the database does not have either.
     */
    public Uni<Void> known(String marketId, String bot) {
        return knows(marketId, bot) ? Uni.createFrom().voidItem() : Panache.withSession(() -> load(marketId));
    }

    /**
     * {@link #known} for a caller on a worker thread that must know before it answers (a stream, whose status is sent
     * with its first event): waits for the database when this node does not know the market or the seat yet.
     */
    public void knownNow(String marketId, String bot) {
        if (knows(marketId, bot)) {
            return;
        }
        try {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> load(marketId)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this node's table has market {@code marketId}, and {@code bot}'s seat in it when a bot is given. */
    boolean knows(String marketId, String bot) {
        Hosted h = hosted.get(marketId);
        return h != null && (bot == null || h.seats().containsKey(bot));
    }

    /** The shape of the ids markets get ({@code Ids.next("m-")}): anything else is unknown without asking the database. */
    private static final java.util.regex.Pattern MARKET_ID = java.util.regex.Pattern.compile("m-[0-9a-f]{10}");

    /** Reads market {@code marketId} and its seats from the database into this node's table (nothing when unknown). */
    private Uni<Void> load(String marketId) {
        if (!MARKET_ID.matcher(marketId).matches()) {
            return Uni.createFrom().voidItem(); // a NUL or a 3,000-character "id" never reaches PostgreSQL
        }
        return markets.findById(marketId).chain(row -> row == null ? Uni.createFrom().<Void>nullItem()
                : seats.ofMarket(marketId).map(rows -> {
                    Hosted known = hosted.get(marketId);
                    if (known == null) {
                        Map<String, String> seatsOfMarket = new LinkedHashMap<>();
                        rows.forEach(seat -> seatsOfMarket.put(seat.bot, seat.id));
                        host(row, seatsOfMarket);
                    } else {
                        rows.forEach(seat -> known.seats().putIfAbsent(seat.bot, seat.id));
                    }
                    return null;
                }));
    }

    /** Whether the market has ended (finished or closed): its leaderboard is public from then on. */
    public Uni<Boolean> hasEnded(String marketId) {
        return phase(hosted(marketId)).map(MarketPhase::over);
    }

    /** One market. */
    public Uni<MarketView> get(String marketId) {
        return view(hosted(marketId));
    }

    /** Closes a market: its open round is abandoned. */
    public Uni<MarketView> close(String marketId) {
        Hosted h = hosted(marketId);
        CompletionStage<Market.CloseReply> closed = ask(h, Market.Close::new);
        return Uni.createFrom().completionStage(closed).chain(reply -> {
            if (reply instanceof Market.Refused r) {
                throw refusal(r);
            }
            return view(h);
        });
    }

    // ---- seats and rounds ----

    /** Seats {@code bot} in the market (or returns its seat). */
    public Uni<SeatView> join(String marketId, String bot) {
        Hosted h = hosted(marketId);
        CompletionStage<Market.JoinReply> joined = ask(h, (ActorRef<Market.JoinReply> r) -> new Market.Join(bot, r));
        return Uni.createFrom().completionStage(joined).map(reply -> {
            if (reply instanceof Market.Refused r) {
                throw refusal(r);
            }
            Market.Joined j = (Market.Joined) reply;
            h.seats().put(bot, j.seat());
            return new SeatView(marketId, j.seat(), j.index(), bot);
        });
    }

    /** The caller's seat, or 404 (a bot sees only its own seat). */
    public String seatOf(String marketId, String bot) {
        String seat = hosted(marketId).seats().get(bot);
        if (seat == null) {
            throw ProblemException.notFound("marketId", "you have no seat in market " + marketId + "; join it first");
        }
        return seat;
    }

    /**
     * The round for the caller's seat; with {@code wait}, waits up to that long for a round after {@code after} to
     * open (a long poll), answering the current state when none does.
     */
    public Uni<RoundView> round(String marketId, String bot, int after, Duration wait) {
        Hosted h = hosted(marketId);
        String seat = seatOf(marketId, bot);
        CompletionStage<Market.RoundView> view = wait.isZero()
                ? ask(h, (ActorRef<Market.RoundView> r) -> new Market.GetView(seat, r))
                : ask(h, (ActorRef<Market.RoundView> r) -> new Market.AwaitRound(seat, after, r), wait);
        return Uni.createFrom().completionStage(view)
                .onFailure(java.util.concurrent.TimeoutException.class).recoverWithUni(() -> Uni.createFrom().completionStage(
                        ask(h, (ActorRef<Market.RoundView> r) -> new Market.GetView(seat, r))))
                .map(v -> roundView(h, v));
    }

    /**
     * The caller's rounds as they open (the current one first), each with the caller's private type only; ends when
     * the market finishes or closes. Duplicates of a round may occur; consumers skip rounds they have seen.
     */
    public Multi<RoundView> rounds(String marketId, String bot) {
        Hosted h = hosted(marketId);
        String seat = seatOf(marketId, bot);
        Multi<RoundView> next = events.opened(marketId)
                .map(o -> roundView(h, new Market.RoundView("collecting", o.round(), o.deadline(), o.types().get(seat), h.seats().size(), false)));
        Multi<RoundView> ended = events.of(marketId).filter(MarketEvents::last)
                .map(e -> roundView(h, new Market.RoundView(MarketEvents.phaseOf(e).id(), e.round(), null, null, h.seats().size(), false)));
        Multi<RoundView> now = Multi.createFrom().completionStage(() -> platform.ask(h.actor(),
                (ActorRef<Market.RoundView> r) -> new Market.GetView(seat, r))).map(v -> roundView(h, v));
        // Subscribe to what opens next before reading the current state, so that no round falls in between; the
        // stream ends with the view that says the market finished or closed.
        return MarketEvents.until(Multi.createBy().merging().streams(next, ended, now), v -> v.phase().over());
    }

    /**
     * The public events of a market from now on; ends with {@code market-finished} or {@code market-closed}, at
     * once when the market has ended already.
     */
    public Multi<MarketEvent> events(String marketId) {
        Hosted h = hosted(marketId);
        Multi<MarketEvent> endedAlready = Multi.createFrom().completionStage(() -> platform.ask(h.actor(),
                        (ActorRef<Market.RoundView> r) -> new Market.GetView(null, r)))
                .filter(v -> MarketPhase.of(v.phase()).over())
                .map(v -> new MarketEvent(MarketEventType.ended(MarketPhase.of(v.phase())), marketId, v.round(), null, null));
        return MarketEvents.until(Multi.createBy().merging().streams(events.of(marketId), endedAlready), MarketEvents::last);
    }

    /** Stores a report of the caller's seat and answers once it is durable. */
    public Uni<ReportReceipt> submit(String marketId, String bot, int round, String idempotencyKey, String body) {
        Hosted h = hosted(marketId);
        String seat = seatOf(marketId, bot);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.badRequest("Idempotency-Key", "the header is required (any string up to 200 characters, new for each new report)");
        }
        if (idempotencyKey.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key", "at most 200 characters");
        }
        Report report = report(seat, WireJson.read(body, JsonNode.class), h.shape());
        String canonical = ReportJson.write(report, false).toString();
        ReceivedReport received = new ReceivedReport(seat, idempotencyKey, digest(round + "\n" + canonical), canonical, report);
        CompletionStage<Market.SubmitReply> reply = ask(h, (ActorRef<Market.SubmitReply> r) -> new Market.Submit(seat, round, received, r));
        return Uni.createFrom().completionStage(reply).map(r -> {
            if (r instanceof Market.Refused refused) {
                throw refusal(refused);
            }
            Market.Acknowledged ack = (Market.Acknowledged) r;
            return new ReportReceipt(marketId, seat, ack.round(), idempotencyKey, ack.duplicate());
        });
    }

    /** The rules of a market, or 404. */
    MarketEntity rules(String marketId) {
        return hosted(marketId).rules();
    }

    // ---- helpers ----

    /** A market's refusal as the HTTP answer it gets: the one place where a reason becomes a status. */
    static ProblemException refusal(Market.Refused refused) {
        int status = switch (refused.reason()) {
            case UNKNOWN_SEAT -> 404;
            case CONFLICT -> 409;
            case INVALID_REPORT -> 422;
            case STORAGE_UNAVAILABLE -> 503;
        };
        return new ProblemException(status, refused.field(), refused.message());
    }

    private Hosted hosted(String marketId) {
        Hosted h = hosted.get(marketId);
        if (h == null) {
            throw ProblemException.notFound("marketId", "no market '" + Params.shorten(marketId) + "'");
        }
        return h;
    }

    /**
     * Hosts a stored market: its entity (which loads itself from the database on its first message, opening its
     * mechanism and restoring its state) and the parts of its views that never change.
     *
     * @param seatsOfBots its seats so far, bot → seat
     * @throws io.agora.api.InvalidInputException when its mechanism is not installed or refuses its stored parameters
     */
    private Hosted host(MarketEntity row, Map<String, String> seatsOfBots) {
        Map<String, Object> params = params(row);
        ReportShape shape = GuardedMechanism.prepare(platform.plugins().mechanism(row.mechanism, "mechanism"), params).shape();
        List<ReportComponentView> view = shape.components().stream().map(ReportComponentView::of).toList();
        Hosted h = new Hosted(row, MarketSharding.ref(platform.system(), row.id), shape, new ConcurrentHashMap<>(seatsOfBots),
                params, reference(row), labels(row), view, new AtomicReference<>());
        Hosted earlier = hosted.putIfAbsent(row.id, h); // two requests may meet a market this node did not know at once
        return earlier != null ? earlier : h;
    }

    /**
     * Asks the market: straight to its actor once located (the hot path saves the sharding hop: the region and the
     * shard), through its entity reference until then and once that actor is gone (a move, a restart), which locates it
     * again.
     */
    private <R> CompletionStage<R> ask(Hosted h, org.apache.pekko.japi.function.Function<ActorRef<R>, Market.Command> message) {
        ActorRef<Market.Command> direct = h.direct().get();
        return direct != null ? platform.ask(direct, message) : locate(h).thenCompose(ref -> platform.ask(ref, message));
    }

    private <R> CompletionStage<R> ask(Hosted h, org.apache.pekko.japi.function.Function<ActorRef<R>, Market.Command> message,
                                       Duration timeout) {
        ActorRef<Market.Command> direct = h.direct().get();
        return direct != null ? platform.ask(direct, message, timeout)
                : locate(h).thenCompose(ref -> platform.ask(ref, message, timeout));
    }

    /** The market's actor, through its entity reference (which starts it when it is not running). */
    private CompletionStage<ActorRef<Market.Command>> locate(Hosted h) {
        return platform.<Market.Command, ActorRef<Market.Command>>ask(h.actor(), Market.Locate::new).thenApply(ref -> {
            if (h.direct().compareAndSet(null, ref)) {
                platform.whenTerminated(ref, () -> h.direct().compareAndSet(ref, null));
            }
            return ref;
        });
    }

    private Uni<MarketPhase> phase(Hosted h) {
        return Uni.createFrom().completionStage(ask(h, (ActorRef<Market.RoundView> r) -> new Market.GetView(null, r)))
                .map(v -> MarketPhase.of(v.phase()));
    }

    private Uni<MarketView> view(Hosted h) {
        CompletionStage<Market.RoundView> state = ask(h, (ActorRef<Market.RoundView> r) -> new Market.GetView(null, r));
        MarketEntity m = h.rules();
        return Uni.createFrom().completionStage(state).map(v -> new MarketView(m.id, m.name, m.mechanism, h.params(), h.reference(),
                m.seats, v.seated(), m.rounds, m.deadlineMillis, m.missPolicy, MarketPhase.of(v.phase()), v.round(), m.owner, m.createdAt.toInstant(),
                m.budget, m.prompt, h.labels()));
    }

    private RoundView roundView(Hosted h, Market.RoundView v) {
        ObjectNode type = v.type() == null ? null : ReportJson.write(v.type(), false);
        return new RoundView(h.rules().id, v.round(), MarketPhase.of(v.phase()), v.deadline(), h.rules().mechanism, h.reference(),
                h.shapeView(), type, v.reported(), h.rules().prompt, h.labels());
    }

    /**
     * The report of {@code seat} from its JSON form, read in the market's shape; a 400 names the field of a value of the
     * wrong kind. The rules of each component are checked once, by the market (a 422 when they refuse it).
     */
    static Report report(String seat, JsonNode body, ReportShape shape) {
        try {
            return ReportJson.read(body, seat, shape, "");
        } catch (InvalidInputException e) {
            throw ProblemException.badRequest(e.field(), e.rule());
        }
    }

    static Map<String, Object> params(MarketEntity row) {
        return readJson(row.params, new TypeReference<>() { });
    }

    static double[] reference(MarketEntity row) {
        return readJson(row.reference, new TypeReference<>() { });
    }

    /** The outcomes' texts of a stored market, or null when they are unlabeled. */
    static List<String> labels(MarketEntity row) {
        return row.outcomeLabels == null ? null : readJson(row.outcomeLabels, new TypeReference<List<String>>() { });
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return WireJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored market row is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
