package io.agora.gateway.market;

import io.agora.gateway.web.WireJson;
import io.agora.runtime.market.MarketJournal;
import io.agora.runtime.market.SettledRound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
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

    /** One market's batch waiting for the shared write. */
    private record Batch(String marketId, int round, List<ReceivedReport> reports, CompletableFuture<List<Stored>> answer) {
    }

    /** Batches of all markets that arrived while a write was in flight; written together by the next one. */
    private List<Batch> waiting = new ArrayList<>();
    private boolean writing;

    /**
     * Stores a market's batch of reports. Batches of all markets share one writer: while a write is in flight, the
     * batches that arrive wait and then go into one statement together, so that PostgreSQL commits once for many
     * markets instead of once per market.
     */
    @Override
    public CompletionStage<List<Stored>> reportsReceived(String marketId, int round, List<ReceivedReport> reports) {
        Batch batch = new Batch(marketId, round, reports, new CompletableFuture<>());
        boolean start;
        synchronized (this) {
            waiting.add(batch);
            start = !writing;
            writing = true;
        }
        if (start) {
            writeWaiting();
        }
        return batch.answer();
    }

    private void writeWaiting() {
        List<Batch> batches;
        synchronized (this) {
            batches = waiting;
            waiting = new ArrayList<>();
            if (batches.isEmpty()) {
                writing = false;
                return;
            }
        }
        write(batches).whenComplete((ignored, error) -> writeWaiting());
    }

    private CompletionStage<Void> write(List<Batch> batches) {
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

    /**
     * One statement (so one round trip and one implicit transaction): the round, every seat's result, the ledger
     * entries, and the market's next round. Foreign keys are checked at the end of the statement.
     */
    @Override
    public CompletionStage<Void> roundSettled(String marketId, SettledRound round, int nextRound) {
        int n = round.seats().size();
        String[] seats = new String[n];
        String[] bots = new String[n];
        Boolean[] missed = new Boolean[n];
        Double[] values = new Double[n];
        Double[] payments = new Double[n];
        Double[] utilities = new Double[n];
        Double[] gaps = new Double[n];
        List<String> accounts = new ArrayList<>();
        List<String> amounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SettledRound.SeatResult s = round.seats().get(i);
            seats[i] = s.seat();
            bots[i] = s.bot();
            missed[i] = s.missed();
            values[i] = s.value();
            payments[i] = s.payment();
            utilities[i] = s.utility();
            gaps[i] = s.honestyGap();
            if (s.payment() != 0) {
                // Two entries per payment: the bot's account pays, the market's receives. BigDecimal.valueOf gives
                // the shortest decimal that reads back as the double; the pair cancels exactly in numeric.
                BigDecimal paid = BigDecimal.valueOf(s.payment());
                accounts.add("bot:" + s.bot());
                amounts.add(paid.negate().toPlainString());
                accounts.add("market:" + marketId);
                amounts.add(paid.toPlainString());
            }
        }
        // Idempotent: a retry after a write that committed but whose answer was lost finds the round stored, inserts
        // nothing (no results, no ledger entries twice) and succeeds, instead of failing on the key forever.
        String sql = """
                with settled as (
                    insert into rounds (market_id, round, status, policy, failure, mechanism_state, preferences, settled_at)
                    values ($1, $2, $3, $4, $5, $16, $17, now())
                    on conflict (market_id, round) do nothing returning 1),
                results as (
                    insert into seat_results (market_id, round, seat_id, bot, missed, value, payment, utility, honesty_gap)
                    select $1, $2, * from unnest($6::text[], $7::text[], $8::bool[], $9::float8[], $10::float8[], $11::float8[],
                                                 $18::float8[])
                    where exists (select 1 from settled)),
                ledger as (
                    insert into ledger_entries (market_id, round, account, amount, created_at)
                    select $1, $2, a, m::numeric, now() from unnest($12::text[], $13::text[]) with ordinality as t(a, m, o)
                    where exists (select 1 from settled) order by o)
                update markets set current_round = $14, status = $15 where id = $1 and status = 'open'""";
        Tuple args = Tuple.tuple(List.of(marketId, round.round(), round.failure() == null ? "cleared" : "failed"));
        args.addValue(round.policy() == null ? null : java.util.Arrays.toString(round.policy()));
        args.addValue(round.failure());
        args.addValue(seats).addValue(bots).addValue(missed).addValue(values).addValue(payments).addValue(utilities);
        args.addValue(accounts.toArray(String[]::new)).addValue(amounts.toArray(String[]::new));
        args.addValue(nextRound == 0 ? round.round() : nextRound).addValue(nextRound == 0 ? "finished" : "open");
        args.addValue(round.state());
        args.addValue(round.pairs().isEmpty() ? null : WireJson.write(round.pairs().stream()
                .map(p -> new PairJson(p.chosen(), p.rejected(), p.weight(), p.annotator())).toList()));
        args.addValue(gaps);
        return pool.preparedQuery(sql).execute(args).replaceWithVoid().subscribeAsCompletionStage();
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
