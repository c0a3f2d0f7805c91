package io.agora.gateway.market;

import io.agora.api.Policy;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.MarketSharding;
import io.agora.runtime.market.TypeSpec;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal;
import io.agora.runtime.market.MarketRules;
import io.agora.runtime.market.MissPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
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
 * Where the gateway's node loads a bot market from when its sharded entity starts: the market's rules, its seats, the
 * open round's stored reports, its mechanism's last snapshot and what its ledger took in, all from PostgreSQL, as plain
 * data (the runtime opens the mechanism and reads the reports). A new market loads the same way (no seats, round 0), so
 * starting, resuming after a restart and moving between nodes are one path.
 */
@ApplicationScoped
class MarketLoader implements MarketSharding.Source {
    private final PgMarketJournal journal;
    private final MarketEvents events;
    private final MarketRepositories.Markets markets;
    private final MarketRepositories.Seats seats;
    private final MarketRepositories.Reports reports;
    private final MarketRepositories.Rounds rounds;
    private final MarketRepositories.Ledger ledger;
    private final TypeSecret typeSecret;

    MarketLoader(PgMarketJournal journal, MarketEvents events, MarketRepositories.Markets markets,
                 MarketRepositories.Seats seats, MarketRepositories.Reports reports, MarketRepositories.Rounds rounds,
                 MarketRepositories.Ledger ledger, TypeSecret typeSecret) {
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
    public CompletionStage<MarketSharding.Stored> load(String marketId) {
        // The queries block a worker thread, never the actor's or an event loop.
        return CompletableFuture.supplyAsync(() -> loadNow(marketId), Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public MarketJournal journal() {
        return journal;
    }

    @Override
    public Market.Listener listener() {
        return events;
    }

    private MarketSharding.Stored loadNow(String marketId) {
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
        // The open round's reports (their canonical JSON bodies, read by the market in its shape), and the round
        // before's keys, so that a retry of a report acknowledged just before the restart is a duplicate.
        List<ReceivedReport> stored = received(open && row.currentRound > 0 ? row.currentRound : 0, marketId);
        List<ReceivedReport> previous = received(open && row.currentRound > 1 ? row.currentRound - 1 : 0, marketId);
        BigDecimal received = open && row.budget != null ? query(() -> ledger.received(marketId)) : BigDecimal.ZERO;
        // The mechanism's randomness, like the types', comes from the server's secret (TypeSecret), on a stream of its own.
        MarketRules rules = MarketRules.forBots(row.id, new MarketRules.MechanismChoice(row.mechanism, MarketService.params(row),
                typeSecret.mechanismSeed(row.id, row.seed)), Policy.ofProbabilities(MarketService.reference(row)),
                MarketService.labels(row) == null ? List.of() : MarketService.labels(row), row.prompt, row.seats, row.rounds,
                Duration.ofMillis(row.deadlineMillis), MissPolicy.byId(row.missPolicy), TypeSpec.asDeclared(row.minWeight, row.maxWeight),
                typeSecret.typeSeeds(row.id, row.seed), row.budget);
        return new MarketSharding.Stored(rules, withState == null ? null : withState.mechanismState,
                new Market.Recovered(seated, row.currentRound, stored, open ? null : row.status, received, previous));
    }

    private List<ReceivedReport> received(int round, String marketId) {
        List<ReceivedReport> out = new ArrayList<>();
        if (round > 0) {
            for (ReportEntity r : query(() -> reports.ofRound(marketId, round))) {
                out.add(new ReceivedReport(r.seatId, r.idempotencyKey, r.bodyHash, r.body, null));
            }
        }
        return out;
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
