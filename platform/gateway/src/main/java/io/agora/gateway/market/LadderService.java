package io.agora.gateway.market;

import io.agora.core.rating.BradleyTerry;
import io.agora.gateway.web.ProblemException;
import io.agora.wire.LadderRow;
import io.agora.wire.LadderView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ladders: for one mechanism, the bots of its finished markets rated by a Bradley–Terry fit of their results. Each
 * finished market turns into games between every two of its bots (the higher total utility wins; equal totals tie, half
 * a win each), so markets of different sizes and lengths weigh by the comparisons they settle. A ladder is fitted once
 * per count of finished markets and kept, so it is refitted exactly when a market of its mechanism finishes.
 */
@ApplicationScoped
public class LadderService {
    /** Relative difference of totals within which two bots tie. */
    private static final double TIE = 1e-9;
    private static final double Z95 = 1.959963984540054;

    private final Pool pool;
    private final double prior;
    /** The last fit of each mechanism, with the count of finished markets it was fitted on. */
    private final Map<String, Fitted> fitted = new ConcurrentHashMap<>();

    private record Fitted(long finished, LadderView view) {
    }

    LadderService(Pool pool, @ConfigProperty(name = "agora.ladders.prior", defaultValue = "0.01") double prior) {
        this.pool = pool;
        this.prior = prior;
    }

    /** The ladder of {@code mechanism}, refitted when another of its markets has finished since the last fit. */
    public Uni<LadderView> ladder(String mechanism) {
        return pool.preparedQuery("select count(*) from markets where mechanism = $1 and status = 'finished'")
                .execute(Tuple.of(mechanism)).chain(rows -> {
                    long finished = rows.iterator().next().getLong(0);
                    Fitted known = fitted.get(mechanism);
                    if (known != null && known.finished() == finished) {
                        return Uni.createFrom().item(known.view());
                    }
                    // The fit is a dense factorization (up to seconds for a thousand bots): a worker thread, not the event loop.
                    return standings(mechanism).emitOn(Infrastructure.getDefaultWorkerPool()).map(s -> {
                        LadderView view = fit(mechanism, s);
                        fitted.put(mechanism, new Fitted(finished, view));
                        return view;
                    });
                });
    }

    /** Each bot's totals in each finished market of {@code mechanism}, grouped by market. */
    private Uni<Map<String, List<Standing>>> standings(String mechanism) {
        String sql = """
                select s.market_id, s.bot, sum(s.utility) as utility, sum(s.honesty_gap) as gap
                from seat_results s join markets m on m.id = s.market_id
                where m.mechanism = $1 and m.status = 'finished'
                group by s.market_id, s.bot order by s.market_id, s.bot""";
        return pool.preparedQuery(sql).execute(Tuple.of(mechanism)).map(rows -> {
            Map<String, List<Standing>> byMarket = new LinkedHashMap<>();
            for (Row row : rows) {
                byMarket.computeIfAbsent(row.getString("market_id"), k -> new ArrayList<>())
                        .add(new Standing(row.getString("bot"), row.getDouble("utility"), row.getDouble("gap")));
            }
            return byMarket;
        });
    }

    /** A bot's totals in one market ({@code gap} null when none of its rounds was measured). */
    record Standing(String bot, double utility, Double gap) {
    }

    /** The ladder of these markets' standings (a plain function, tested on its own). */
    LadderView fit(String mechanism, Map<String, List<Standing>> markets) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, int[]> record = new LinkedHashMap<>(); // markets, wins, losses, ties
        Map<String, Double> gaps = new LinkedHashMap<>();
        List<BradleyTerry.Game> games = new ArrayList<>();
        int pairs = 0;
        for (List<Standing> market : markets.values()) {
            for (Standing s : market) {
                index.putIfAbsent(s.bot(), index.size());
                record.computeIfAbsent(s.bot(), b -> new int[4])[0]++;
                if (s.gap() != null) {
                    gaps.merge(s.bot(), s.gap(), Double::sum);
                }
            }
            for (int i = 0; i < market.size(); i++) {
                for (int j = i + 1; j < market.size(); j++) {
                    Standing a = market.get(i);
                    Standing b = market.get(j);
                    pairs++;
                    int ia = index.get(a.bot());
                    int ib = index.get(b.bot());
                    double scale = Math.max(1, Math.max(Math.abs(a.utility()), Math.abs(b.utility())));
                    if (Math.abs(a.utility() - b.utility()) <= TIE * scale) {
                        games.add(new BradleyTerry.Game(ia, ib, 0.5));
                        games.add(new BradleyTerry.Game(ib, ia, 0.5));
                        record.get(a.bot())[3]++;
                        record.get(b.bot())[3]++;
                    } else {
                        boolean aWins = a.utility() > b.utility();
                        games.add(aWins ? new BradleyTerry.Game(ia, ib, 1) : new BradleyTerry.Game(ib, ia, 1));
                        record.get(aWins ? a.bot() : b.bot())[1]++;
                        record.get(aWins ? b.bot() : a.bot())[2]++;
                    }
                }
            }
        }
        if (index.isEmpty()) {
            return new LadderView(mechanism, markets.size(), 0, List.of());
        }
        if (index.size() > BradleyTerry.MAX_PLAYERS) {
            throw new ProblemException(422, "mechanism", "the ladder of " + mechanism + " has " + index.size()
                    + " bots; one fit rates at most " + BradleyTerry.MAX_PLAYERS);
        }
        BradleyTerry.Fit fit = BradleyTerry.fit(index.size(), games, prior);
        List<String> bots = new ArrayList<>(index.keySet());
        bots.sort(Comparator.comparingDouble((String b) -> -fit.strength(index.get(b))).thenComparing(b -> b));
        List<LadderRow> rows = new ArrayList<>(bots.size());
        for (String bot : bots) {
            int i = index.get(bot);
            int[] r = record.get(bot);
            rows.add(new LadderRow(rows.size() + 1, bot, fit.strength(i), fit.low(i, Z95), fit.high(i, Z95), r[0], r[1], r[2], r[3],
                    gaps.get(bot)));
        }
        return new LadderView(mechanism, markets.size(), pairs, rows);
    }
}
