package io.agora.gateway.market;

import io.agora.runtime.market.MarketJournal;
import io.agora.runtime.market.SettledRound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The markets' journal in PostgreSQL, written with the reactive SQL client rather than Hibernate: it is called from
 * actor threads (Hibernate Reactive sessions are bound to a Vert.x context) and it is the hot path, where one
 * multi-row statement per batch of reports is what makes reports durable at thousands per second. The tables are
 * the ones the entities of this package map, so reads go through the repositories.
 */
@ApplicationScoped
public class PgMarketJournal implements MarketJournal {
    private final Pool pool;

    PgMarketJournal(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Void> seatTaken(String marketId, String seat, String bot, int index) {
        return pool.preparedQuery("insert into seats (id, market_id, bot, seat_index, joined_at) values ($1, $2, $3, $4, now())")
                .execute(Tuple.of(seat, marketId, bot, index)).replaceWithVoid().subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> roundOpened(String marketId, int round) {
        return pool.preparedQuery("update markets set current_round = $2 where id = $1 and status = 'open'")
                .execute(Tuple.of(marketId, round)).replaceWithVoid().subscribeAsCompletionStage();
    }

    /** One market's batch of reports waiting for the shared write. */
    private record Batch(String marketId, int round, List<ReceivedReport> reports, CompletableFuture<List<Stored>> answer) {
    }

    /** Batches of all markets; one statement stores every batch that arrived while the previous one was in flight. */
    private final CombinedWrites<Batch> reportWrites = new CombinedWrites<>(Batch::marketId, this::write);

    /** Stores a market's batch of reports, in one statement with the batches of other markets that wait meanwhile. */
    @Override
    public CompletionStage<List<Stored>> reportsReceived(String marketId, int round, List<ReceivedReport> reports) {
        Batch batch = new Batch(marketId, round, reports, new CompletableFuture<>());
        reportWrites.add(batch);
        return batch.answer();
    }

    private CompletionStage<Void> write(List<Batch> batches) {
        try {
            return insert(batches);
        } catch (RuntimeException e) {
            batches.forEach(b -> b.answer().completeExceptionally(e)); // each market fails its batch and says so
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletionStage<Void> insert(List<Batch> batches) {
        int n = 0;
        for (Batch b : batches) {
            n += b.reports().size();
        }
        String[] markets = new String[n];
        Integer[] rounds = new Integer[n];
        String[] seats = new String[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] bodies = new String[n];
        int i = 0;
        for (Batch b : batches) {
            for (ReceivedReport r : b.reports()) {
                markets[i] = b.marketId();
                rounds[i] = b.round();
                seats[i] = r.seat();
                keys[i] = r.idempotencyKey();
                hashes[i] = r.bodyHash();
                bodies[i] = r.body();
                i++;
            }
        }
        // One statement stores every batch in order (a seat's later report gets the larger id); a key its seat used
        // before is skipped, and the stored row answers for it. Seat ids name their market, so they are unique.
        String insert = """
                insert into reports (market_id, round, seat_id, idempotency_key, body_hash, body, received_at)
                select m, r, s, k, h, b, clock_timestamp()
                from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as t(m, r, s, k, h, b, o)
                order by o
                on conflict (seat_id, idempotency_key) do nothing
                returning seat_id, idempotency_key""";
        return pool.preparedQuery(insert).execute(Tuple.of(markets, rounds, seats, keys, hashes, bodies))
                .subscribeAsCompletionStage()
                .handle((rows, error) -> {
                    if (error != null) {
                        batches.forEach(b -> b.answer().completeExceptionally(error));
                        return null;
                    }
                    Map<String, Boolean> inserted = new HashMap<>();
                    for (Row row : rows) {
                        inserted.put(row.getString(0) + '\u0000' + row.getString(1), Boolean.TRUE);
                    }
                    for (Batch b : batches) {
                        try {
                            answer(b, inserted);
                        } catch (RuntimeException e) {
                            b.answer().completeExceptionally(e); // its market fails the batch and says so; the others go on
                        }
                    }
                    return null;
                });
    }

    private void answer(Batch b, Map<String, Boolean> inserted) {
        List<Stored> all = new ArrayList<>(b.reports().size());
        for (ReceivedReport r : b.reports()) {
            if (!inserted.containsKey(r.seat() + '\u0000' + r.idempotencyKey())) {
                earlier(b.reports(), inserted, b.round()).subscribeAsCompletionStage().whenComplete((stored, error) -> {
                    if (error != null) {
                        b.answer().completeExceptionally(error);
                    } else {
                        b.answer().complete(stored);
                    }
                });
                return;
            }
            all.add(new Stored(true, b.round(), r.bodyHash()));
        }
        b.answer().complete(all);
    }

    /** Answers for the reports whose key was used before, from the rows stored then. */
    private Uni<List<Stored>> earlier(List<ReceivedReport> reports, Map<String, Boolean> inserted, int round) {
        List<String> seats = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ReceivedReport r : reports) {
            if (!inserted.containsKey(r.seat() + '\u0000' + r.idempotencyKey())) {
                seats.add(r.seat());
                keys.add(r.idempotencyKey());
            }
        }
        String query = "select seat_id, idempotency_key, round, body_hash from reports "
                + "where (seat_id, idempotency_key) in (select * from unnest($1::text[], $2::text[]))";
        return pool.preparedQuery(query).execute(Tuple.of(seats.toArray(String[]::new), keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Stored> before = new HashMap<>();
                    for (Row row : rows) {
                        before.put(row.getString(0) + '\u0000' + row.getString(1), new Stored(false, row.getInteger(2), row.getString(3)));
                    }
                    List<Stored> out = new ArrayList<>(reports.size());
                    for (ReceivedReport r : reports) {
                        String id = r.seat() + '\u0000' + r.idempotencyKey();
                        out.add(inserted.containsKey(id) ? new Stored(true, round, r.bodyHash()) : before.get(id));
                    }
                    return out;
                });
    }

    /** One market's settled round waiting for the shared write. */
    private record Settle(String marketId, SettledRound round, int next, CompletableFuture<Void> answer) {
    }

    /** Settled rounds of all markets, written together like reports. */
    private final CombinedWrites<Settle> settleWrites = new CombinedWrites<>(Settle::marketId, this::settle);

    @Override
    public CompletionStage<Void> roundSettled(String marketId, SettledRound round, int nextRound) {
        Settle settle = new Settle(marketId, round, nextRound, new CompletableFuture<>());
        settleWrites.add(settle);
        return settle.answer();
    }

    /**
     * Writes settled rounds of several markets in one statement, so one round trip and one commit: the rounds, every
     * seat's result, the ledger entries, and each market's next round. When it fails, each round is written again on
     * its own, so that one market's bad round does not fail the others.
     */
    private CompletionStage<Void> settle(List<Settle> settles) {
        CompletionStage<Void> statement;
        try {
            statement = settleStatement(settles);
        } catch (RuntimeException e) {
            statement = CompletableFuture.failedFuture(e); // answered below like a failed write
        }
        return statement.handle((ok, error) -> {
            if (error == null) {
                settles.forEach(s -> s.answer().complete(null));
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (settles.size() == 1) {
                settles.get(0).answer().completeExceptionally(error);
                return CompletableFuture.<Void>completedFuture(null);
            }
            CompletionStage<Void> alone = CompletableFuture.completedFuture(null);
            for (Settle s : settles) {
                alone = alone.thenCompose(ignored -> settle(List.of(s)));
            }
            return alone;
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<Void> settleStatement(List<Settle> settles) {
        SettleColumns c = new SettleColumns();
        settles.forEach(settle -> c.add(settle.marketId(), settle.round(), settle.next()));
        // Idempotent: a retry after a write that committed but whose answer was lost finds the round stored, inserts
        // nothing for it (no results, no ledger entries twice) and succeeds, instead of failing on the key forever.
        // Foreign keys are checked at the end of the statement.
        String sql = """
                with settled as (
                    insert into rounds (market_id, round, status, policy, failure, mechanism_state, preferences, settled_at)
                    select *, now() from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                    on conflict (market_id, round) do nothing returning market_id, round),
                results as (
                    insert into seat_results (market_id, round, seat_id, bot, missed, value, payment, utility, honesty_gap)
                    select t.* from unnest($8::text[], $9::int[], $10::text[], $11::text[], $12::bool[], $13::float8[],
                                           $14::float8[], $15::float8[], $16::float8[]) as t(m, r, s, b, x, v, p, u, g)
                    join settled on settled.market_id = t.m and settled.round = t.r),
                ledger as (
                    insert into ledger_entries (market_id, round, account, amount, created_at)
                    select t.m, t.r, t.a, t.x::numeric, now()
                    from unnest($17::text[], $18::int[], $19::text[], $20::text[]) with ordinality as t(m, r, a, x, o)
                    join settled on settled.market_id = t.m and settled.round = t.r order by t.o)
                update markets set current_round = t.n, status = t.s
                from unnest($21::text[], $22::int[], $23::text[]) as t(id, n, s)
                where markets.id = t.id and markets.status = 'open'""";
        return pool.preparedQuery(sql).execute(c.tuple()).replaceWithVoid().subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> marketClosed(String marketId) {
        return pool.preparedQuery("update markets set status = 'closed', closed_at = now() where id = $1")
                .execute(Tuple.of(marketId)).replaceWithVoid().subscribeAsCompletionStage();
    }

    /** A preference pair as the rounds table stores it. */
    record PairJson(int chosen, int rejected, double weight, String annotator) {
    }
}
