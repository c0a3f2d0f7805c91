package io.agora.gateway.market;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.WireJson;
import io.agora.wire.LeaderboardRow;
import io.agora.wire.LedgerEntry;
import io.agora.wire.RoundOutcome;
import io.agora.wire.RoundStatus;
import io.agora.wire.SeatResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of settled rounds: a seat's result, ledgers and leaderboards. */
@ApplicationScoped
public class LedgerService {
    private final MarketRepositories.Rounds rounds;
    private final MarketRepositories.SeatResults results;
    private final MarketRepositories.Ledger ledger;
    private final MarketRepositories.Reports reports;

    LedgerService(MarketRepositories.Rounds rounds, MarketRepositories.SeatResults results, MarketRepositories.Ledger ledger,
                  MarketRepositories.Reports reports) {
        this.reports = reports;
        this.rounds = rounds;
        this.results = results;
        this.ledger = ledger;
    }

    /** The result of {@code seat} in a settled round, or 404 while it has not settled. */
    @WithSession
    public Uni<SeatResult> result(String marketId, String seat, int round) {
        return rounds.findById(new RoundEntity.Key(marketId, round)).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("round", "round " + round + " of market " + marketId + " has not settled");
            }
            double[] policy = r.policy == null ? null : read(r.policy);
            return results.findById(new SeatResultEntity.Key(marketId, round, seat)).chain(s -> s != null
                    ? Uni.createFrom().item(new SeatResult(marketId, seat, round, RoundStatus.of(r.status), policy, s.missed, s.value, s.payment, s.utility, r.failure,
                            s.honestyGap))
                    // A failed round has no seat results: whether the seat missed it is whether it filed no report.
                    : reports.filed(marketId, round, seat).map(filed ->
                            new SeatResult(marketId, seat, round, RoundStatus.of(r.status), policy, !filed, 0, 0, 0, r.failure, null)));
        });
    }

    /** The outcomes of a market's last {@code count} settled rounds, oldest first. */
    @WithSession
    public Uni<List<RoundOutcome>> outcomes(String marketId, int count) {
        return rounds.latest(marketId, count).map(rows -> rows.stream().map(r -> new RoundOutcome(r.round, RoundStatus.of(r.status),
                r.policy == null ? null : read(r.policy), r.failure, r.settledAt == null ? null : r.settledAt.toInstant())).toList());
    }

    /** A market's whole ledger. */
    @WithSession
    public Uni<List<LedgerEntry>> ofMarket(String marketId) {
        return ledger.ofMarket(marketId).map(LedgerService::entries);
    }

    /** The entries of one bot's account. */
    @WithSession
    public Uni<List<LedgerEntry>> ofBot(String bot) {
        return ledger.ofAccount("bot:" + bot).map(LedgerService::entries);
    }

    /** The bots of a market ranked by total utility over settled rounds. */
    @WithSession
    public Uni<List<LeaderboardRow>> leaderboard(String marketId) {
        return results.ofMarket(marketId).map(rows -> {
            Map<String, double[]> totals = new LinkedHashMap<>(); // rounds, missed, utility, payment, honesty gap, gaps measured
            Map<String, String> botOfSeat = new LinkedHashMap<>();
            for (SeatResultEntity r : rows) {
                double[] t = totals.computeIfAbsent(r.seatId, s -> new double[6]);
                botOfSeat.put(r.seatId, r.bot);
                t[0]++;
                t[1] += r.missed ? 1 : 0;
                t[2] += r.utility;
                t[3] += r.payment;
                if (r.honestyGap != null) {
                    t[4] += r.honestyGap;
                    t[5]++;
                }
            }
            List<Map.Entry<String, double[]>> ranked = new ArrayList<>(totals.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[2]));
            List<LeaderboardRow> board = new ArrayList<>();
            for (Map.Entry<String, double[]> e : ranked) {
                double[] t = e.getValue();
                board.add(new LeaderboardRow(board.size() + 1, botOfSeat.get(e.getKey()), e.getKey(), (int) t[0], (int) t[1], t[2], t[2] / t[0], t[3],
                        t[5] == 0 ? null : t[4]));
            }
            return board;
        });
    }

    private static List<LedgerEntry> entries(List<LedgerEntryEntity> rows) {
        return rows.stream().map(e -> new LedgerEntry(e.id, e.marketId, e.round, e.account, e.amount, e.createdAt.toInstant())).toList();
    }

    private static double[] read(String json) {
        try {
            return WireJson.mapper().readValue(json, new TypeReference<double[]>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
