package io.agora.runtime.market;

import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one record of a market's rules, for markets that bots play and for the lockstep markets of hosted experiments.
 * A market is either <em>self-driven</em> ({@code seats > 0}: bots take seats, and the market draws their types, opens
 * round after round and journals them) or <em>host-driven</em> ({@code seats == 0}: its host seats hosted agents and
 * opens every round with the types it drew, as an experiment does).
 *
 * @param marketId        the market's id
 * @param mechanism       the mechanism a self-driven market opens on whichever node hosts it; {@code null} for a
 *                        host-driven market, whose host hands it an opened mechanism (an experiment opens one per
 *                        session)
 * @param reference       the reference policy (its size is the number of outcomes)
 * @param labels          the outcomes' texts (the candidate replies), one per outcome; empty when unlabeled
 * @param prompt          the prompt the rounds answer, offered to the mechanism; {@code null} for none
 * @param deadline        how long a round collects reports; {@code null} for lockstep markets whose hosted agents always
 *                        answer (no wall-clock timer at all)
 * @param missPolicy      what a seat without a report gets
 * @param fullInformation whether seats whose strategy asks for it see the others' reports
 * @param agentHistory    whether hosted agents are told each round's outcome (their history)
 * @param seats           how many seats a self-driven market has (round 1 opens when the last is taken); 0 for a
 *                        host-driven market
 * @param rounds          how many rounds a self-driven market runs; 0 for no limit (until closed)
 * @param types           how a self-driven market draws each seat's private type; {@code null} when its host draws them
 * @param typeSeeds       the seed of each seat's type in each round (so a resumed market hands out the same types)
 * @param budget          what the market may pay out beyond what it takes in (a data-buying market pays its suppliers
 *                        from it); {@code null} for no limit
 */
public record MarketRules(String marketId, MechanismChoice mechanism, Policy reference, List<String> labels, String prompt, Duration deadline,
                          MissPolicy missPolicy, boolean fullInformation, boolean agentHistory, int seats, int rounds,
                          TypeSpec types, TypeSeeds typeSeeds, Double budget) {

    /**
     * The mechanism a market opens, as stored: plain data, so any node can open it from its own plugin host.
     *
     * @param id     the mechanism's id
     * @param params its parameters as given (validated when it opens)
     * @param seed   the seed it draws its randomness from
     */
    public record MechanismChoice(String id, Map<String, Object> params, long seed) {
        /** Rejects a missing id; copies the parameters. */
        public MechanismChoice {
            Objects.requireNonNull(id, "id");
            params = Map.copyOf(params);
        }
    }

    /** Rejects missing parts and out-of-range numbers. */
    public MarketRules {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(reference, "reference");
        labels = List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != reference.size()) {
            throw new IllegalArgumentException("labels: " + labels.size() + " for " + reference.size() + " outcomes");
        }
        Objects.requireNonNull(missPolicy, "missPolicy");
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        if (seats < 0 || rounds < 0) {
            throw new IllegalArgumentException("seats and rounds must be >= 0, got " + seats + " and " + rounds);
        }
        if (seats > 0 && (mechanism == null || deadline == null || types == null || typeSeeds == null)) {
            throw new IllegalArgumentException("a self-driven market needs its mechanism, a deadline, a type spec and type seeds");
        }
        if (budget != null && (!(budget >= 0) || Double.isInfinite(budget))) {
            throw new IllegalArgumentException("budget must be a finite number >= 0, got " + budget);
        }
    }

    /**
     * The rules of a market that bots play: {@code seats} seats, {@code rounds} rounds (0: until closed), types drawn by
     * {@code types} from {@code typeSeeds}.
     */
    public static MarketRules forBots(String marketId, MechanismChoice mechanism, Policy reference, List<String> labels, String prompt,
                                      int seats, int rounds,
                                      Duration deadline, MissPolicy missPolicy, TypeSpec types, TypeSeeds typeSeeds, Double budget) {
        if (seats < 1) {
            throw new IllegalArgumentException("a market for bots needs at least one seat, got " + seats);
        }
        return new MarketRules(marketId, mechanism, reference, labels, prompt, deadline, missPolicy, false, false, seats, rounds, types,
                typeSeeds, budget);
    }

    /** The rules of a host-driven market of hosted agents, without a budget. */
    public static MarketRules hosted(String marketId, Policy reference, Duration deadline, MissPolicy missPolicy,
                                     boolean fullInformation, boolean agentHistory) {
        return new MarketRules(marketId, null, reference, List.of(), null, deadline, missPolicy, fullInformation, agentHistory, 0, 0, null,
                null, null);
    }

    /**
     * Seats² × outcomes above which a bot market does not measure honesty gaps: each misreporting seat costs one more
     * clearing of all seats, so the measure grows with the square of the seats (a hundred seats of a thousand outcomes,
     * or a thousand seats of a hundred, stay under it).
     */
    public static final long HONESTY_WORK = 1L << 27;

    /** Whether the market measures its seats' honesty gaps: a bot market within {@link #HONESTY_WORK}. */
    public boolean measuresHonesty() {
        return selfDriven() && (long) seats * seats * reference.size() <= HONESTY_WORK;
    }

    /** Whether the market seats bots and opens its own rounds. */
    public boolean selfDriven() {
        return seats > 0;
    }

    /** The outcome space. */
    public OutcomeSpace outcomes() {
        return new OutcomeSpace(reference.size(), labels);
    }
}
