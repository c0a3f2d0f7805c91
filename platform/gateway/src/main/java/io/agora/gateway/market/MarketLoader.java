package io.agora.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.api.MechanismContext;
import io.agora.api.Policy;
import io.agora.api.ReportShape;
import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.WireJson;
import io.agora.runtime.market.BotMarket;
import io.agora.runtime.market.BotMarketEntity;
import io.agora.runtime.market.BotMarketSpec;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal;
import io.agora.runtime.market.MissPolicy;
import io.agora.runtime.market.TypeSpec;
import io.agora.runtime.plugins.GuardedMechanism;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where the gateway's node loads a bot market from when its sharded entity starts: the market's row, its seats, the
 * open round's stored reports, its mechanism's last snapshot and what its ledger took in, all from PostgreSQL. A new
 * market loads the same way (no seats, round 0), so starting, resuming after a restart and moving between nodes are
 * one path.
 */
@ApplicationScoped
class MarketLoader implements BotMarketEntity.Source {
    private final Platform platform;
    private final PgMarketJournal journal;
    private final MarketEvents events;
    private final MarketRepositories.Markets markets;
    private final MarketRepositories.Seats seats;
    private final MarketRepositories.Reports reports;
    private final MarketRepositories.Rounds rounds;
    private final MarketRepositories.Ledger ledger;
    private final TypeSecret typeSecret;

    MarketLoader(Platform platform, PgMarketJournal journal, MarketEvents events, MarketRepositories.Markets markets,
                 MarketRepositories.Seats seats, MarketRepositories.Reports reports, MarketRepositories.Rounds rounds,
                 MarketRepositories.Ledger ledger, TypeSecret typeSecret) {
        this.platform = platform;
        this.journal = journal;
        this.events = events;
        this.markets = markets;
        this.seats = seats;
        this.reports = reports;
        this.rounds = rounds;
        this.ledger = ledger;
        this.typeSecret = typeSecret;
    }

    @Override
    public CompletionStage<BotMarketEntity.Loaded> load(String marketId) {
        // The queries block a worker thread, never the actor's or an event loop.
        return CompletableFuture.supplyAsync(() -> loadNow(marketId), Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public MarketJournal journal() {
        return journal;
    }

    @Override
    public BotMarket.Listener listener() {
        return events;
    }

    private BotMarketEntity.Loaded loadNow(String marketId) {
        MarketEntity row = query(() -> markets.findById(marketId));
        if (row == null) {
            throw new IllegalStateException("no market " + marketId + " in the database");
        }
        boolean open = "open".equals(row.status);
        Map<String, String> seated = new LinkedHashMap<>();
        for (SeatEntity s : query(() -> seats.ofMarket(marketId))) {
            seated.put(s.id, s.bot);
        }
        RoundEntity withState = open ? query(() -> rounds.lastWithState(marketId)) : null;
        if (withState != null && BotMarket.SNAPSHOT_FAILED.equals(withState.mechanismState)) {
            throw new IllegalStateException("its mechanism's state after round " + withState.round
                    + " was not saved; resuming from an older state would change its outcomes");
        }
        // The mechanism's randomness, like the types', comes from the server's secret (TypeSecret), on a stream of its own.
        GuardedMechanism mechanism = GuardedMechanism.open(platform.plugins().mechanism(row.mechanism, "mechanism"),
                MarketService.params(row), MechanismContext.of(row.id, typeSecret.mechanismSeed(row.id, row.seed)));
        if (withState != null && withState.mechanismState != null) {
            mechanism.restore(withState.mechanismState);
        }
        ReportShape shape = mechanism.reportShape();
        List<ReceivedReport> stored = new ArrayList<>();
        if (open && row.currentRound > 0) {
            for (ReportEntity r : query(() -> reports.ofRound(marketId, row.currentRound))) {
                // Stored bodies are canonical JSON of the market's shape.
                stored.add(new ReceivedReport(r.seatId, r.idempotencyKey, r.bodyHash, r.body,
                        MarketService.report(r.seatId, WireJson.read(r.body, JsonNode.class), shape)));
            }
        }
        // The round before's keys, so that a retry of a report acknowledged just before the restart is a duplicate.
        List<ReceivedReport> previous = new ArrayList<>();
        if (open && row.currentRound > 1) {
            for (ReportEntity r : query(() -> reports.ofRound(marketId, row.currentRound - 1))) {
                previous.add(new ReceivedReport(r.seatId, r.idempotencyKey, r.bodyHash, r.body, null));
            }
        }
        double received = open && row.budget != null ? query(() -> ledger.received(marketId)) : 0;
        BotMarketSpec spec = new BotMarketSpec(row.id, Policy.ofProbabilities(MarketService.reference(row)), row.seats, row.rounds,
                Duration.ofMillis(row.deadlineMillis), MissPolicy.byId(row.missPolicy),
                new TypeSpec(MarketService.typeNormalization(shape), row.minWeight, row.maxWeight),
                typeSecret.typeSeeds(row.id, row.seed), row.budget);
        BotMarket.Recovered recovered = new BotMarket.Recovered(seated, row.currentRound, stored, open ? null : row.status, received,
                previous);
        return new BotMarketEntity.Loaded(spec, mechanism, recovered);
    }

    private static <T> T query(Supplier<Uni<T>> query) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new CompletionException(e);
        }
    }
}
