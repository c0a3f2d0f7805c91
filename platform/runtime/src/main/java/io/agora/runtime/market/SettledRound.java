package io.agora.runtime.market;

import io.agora.api.PreferencePair;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A round of a bot market as the ledger records it.
 *
 * @param round   the round number
 * @param policy  the outcome distribution, or {@code null} when the round failed
 * @param failure why the round failed, or {@code null}
 * @param seats   each seat's result, in seat order (empty when the round failed)
 * @param state   the mechanism's state after this round ({@code MechanismInstance.snapshot()}), or {@code null}
 *                for a mechanism without state across rounds
 * @param pairs   the preference pairs the round produced ({@code MechanismInstance.preferences}), for the market's
 *                dataset; empty when it produced none or failed
 */
public record SettledRound(int round, double[] policy, String failure, List<SeatResult> seats, String state, List<PreferencePair> pairs) {

    /** Copies the pairs. */
    public SettledRound {
        pairs = List.copyOf(pairs);
    }

    /** A cleared round as the ledger records it; {@code botOf} gives each seat's bot. */
    static SettledRound of(Market.RoundCleared cleared, List<String> seatOrder, Function<String, String> botOf, String state,
                           List<PreferencePair> pairs) {
        Set<String> missed = new HashSet<>(cleared.missed());
        missed.addAll(cleared.faults().keySet());
        List<SeatResult> results = new ArrayList<>(seatOrder.size());
        for (int i = 0; i < seatOrder.size(); i++) {
            String seat = seatOrder.get(i);
            double gap = cleared.honestyGaps() == null ? Double.NaN : cleared.honestyGaps()[i];
            results.add(new SeatResult(seat, botOf.apply(seat), missed.contains(seat), cleared.values()[i], cleared.payments()[i],
                    Double.isNaN(gap) ? null : gap));
        }
        return new SettledRound(cleared.round(), cleared.result().policy().probabilities(), null, results, state, pairs);
    }

    /** A round that failed, with the reason bots may read. */
    static SettledRound failed(int round, String publicReason) {
        return new SettledRound(round, null, publicReason, List.of(), null, List.of());
    }

    /**
     * One seat's part of a settled round.
     *
     * @param seat    the seat
     * @param bot     the bot holding it
     * @param missed  whether the seat had no report of its own (the miss policy filled it in or left it out)
     * @param value   its value under its true type
     * @param payment what it pays (a ledger entry moves it from the bot's account to the market's)
     * @param honestyGap its utility minus what reporting its true type would have given it, the others' reports fixed
     *                   ({@code null} when not measured: the seat had no report of its own, or the market is too large)
     */
    public record SeatResult(String seat, String bot, boolean missed, double value, double payment, Double honestyGap) {
        /** Value minus payment. */
        public double utility() {
            return value - payment;
        }
    }
}
