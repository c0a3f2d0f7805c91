package io.agora.gateway.market;

import io.agora.gateway.web.WireJson;
import io.agora.runtime.market.SettledRound;
import io.vertx.mutiny.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Settled rounds of several markets as the columns of {@link PgMarketJournal}'s settle statement: one entry per round,
 * per seat result, per ledger entry and per market.
 */
final class SettleColumns {
    private final List<String> roundMarkets = new ArrayList<>();
    private final List<Integer> rounds = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<String> policies = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> states = new ArrayList<>();
    private final List<String> preferences = new ArrayList<>();
    private final List<String> seatMarkets = new ArrayList<>();
    private final List<Integer> seatRounds = new ArrayList<>();
    private final List<String> seats = new ArrayList<>();
    private final List<String> bots = new ArrayList<>();
    private final List<Boolean> missed = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<Double> payments = new ArrayList<>();
    private final List<Double> utilities = new ArrayList<>();
    private final List<Double> gaps = new ArrayList<>();
    private final List<String> entryMarkets = new ArrayList<>();
    private final List<Integer> entryRounds = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();
    private final List<String> amounts = new ArrayList<>();
    private final List<String> nextRoundOf = new ArrayList<>();
    private final List<Integer> nextRounds = new ArrayList<>();
    private final List<String> marketStatuses = new ArrayList<>();

    /** Adds market {@code market}'s settled {@code round}, after which it opens {@code next} (0: it finishes). */
    void add(String market, SettledRound round, int next) {
        roundMarkets.add(market);
        rounds.add(round.round());
        statuses.add(round.failure() == null ? "cleared" : "failed");
        policies.add(round.policy() == null ? null : java.util.Arrays.toString(round.policy()));
        failures.add(round.failure());
        states.add(round.state());
        preferences.add(round.pairs().isEmpty() ? null : WireJson.write(round.pairs().stream()
                .map(p -> new PgMarketJournal.PairJson(p.chosen(), p.rejected(), p.weight(), p.annotator())).toList()));
        for (SettledRound.SeatResult s : round.seats()) {
            seatMarkets.add(market);
            seatRounds.add(round.round());
            seats.add(s.seat());
            bots.add(s.bot());
            missed.add(s.missed());
            values.add(s.value());
            payments.add(s.payment());
            utilities.add(s.utility());
            gaps.add(s.honestyGap());
            if (s.payment() != 0) {
                // Two entries per payment: the bot's account pays, the market's receives. BigDecimal.valueOf gives
                // the shortest decimal that reads back as the double; the pair cancels exactly in numeric.
                BigDecimal paid = BigDecimal.valueOf(s.payment());
                entry(market, round.round(), "bot:" + s.bot(), paid.negate());
                entry(market, round.round(), "market:" + market, paid);
            }
        }
        nextRoundOf.add(market);
        nextRounds.add(next == 0 ? round.round() : next);
        marketStatuses.add(next == 0 ? "finished" : "open");
    }

    private void entry(String market, int round, String account, BigDecimal amount) {
        entryMarkets.add(market);
        entryRounds.add(round);
        accounts.add(account);
        amounts.add(amount.toPlainString());
    }

    /** The statement's parameters, in the order of its placeholders. */
    Tuple tuple() {
        Tuple t = Tuple.tuple();
        t.addValue(strings(roundMarkets)).addValue(rounds.toArray(Integer[]::new)).addValue(strings(statuses))
                .addValue(strings(policies)).addValue(strings(failures)).addValue(strings(states)).addValue(strings(preferences));
        t.addValue(strings(seatMarkets)).addValue(seatRounds.toArray(Integer[]::new)).addValue(strings(seats))
                .addValue(strings(bots)).addValue(missed.toArray(Boolean[]::new)).addValue(doubles(values))
                .addValue(doubles(payments)).addValue(doubles(utilities)).addValue(doubles(gaps));
        t.addValue(strings(entryMarkets)).addValue(entryRounds.toArray(Integer[]::new)).addValue(strings(accounts))
                .addValue(strings(amounts));
        t.addValue(strings(nextRoundOf)).addValue(nextRounds.toArray(Integer[]::new)).addValue(strings(marketStatuses));
        return t;
    }

    private static String[] strings(List<String> list) {
        return list.toArray(String[]::new);
    }

    private static Double[] doubles(List<Double> list) {
        return list.toArray(Double[]::new);
    }
}
