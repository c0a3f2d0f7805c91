package io.agora.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one agent declares in one round, in the union of the shapes the mechanism families use:
 * a reward vector over the outcomes and a group size (P1, P3), a feedback probability (P2), a bid (P4) or
 * a ranking of outcomes (P5). A mechanism reads the components it needs and rejects reports that lack them.
 *
 * <p>The same shape describes an agent's true private type: the type is the report a truthful agent would
 * submit. Components are validated on construction (finite numbers, a non-negative weight) and arrays are
 * copied in and out; {@link #reward(int)} reads without copying.
 *
 * @param agent    the agent's id, unique within a round, not blank
 * @param rewards  a reward per outcome, or empty when the mechanism takes no rewards
 * @param weight   the (claimed) group size or weight, finite and {@code >= 0}; 1 when not used
 * @param feedback a probability in [0, 1] when the mechanism takes feedback
 * @param bid      a bid when the mechanism is an auction
 * @param ranking  outcome indices from best to worst, or empty
 */
public record Report(String agent, double[] rewards, double weight, OptionalDouble feedback, OptionalDouble bid,
                     int[] ranking) {

    /** Validates every component and copies the arrays. */
    public Report {
        if (agent == null || agent.isBlank()) {
            throw new InvalidInputException("agent", "must be a non-blank id");
        }
        rewards = Numbers.finiteCopy("rewards", rewards);
        Numbers.finite("weight", weight);
        if (weight < 0) {
            throw new InvalidInputException("weight", "must be >= 0, got " + weight);
        }
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(bid, "bid");
        if (feedback.isPresent()) {
            double f = Numbers.finite("feedback", feedback.getAsDouble());
            if (f < 0 || f > 1) {
                throw new InvalidInputException("feedback", "must be a probability in [0, 1], got " + f);
            }
        }
        if (bid.isPresent()) {
            Numbers.finite("bid", bid.getAsDouble());
        }
        ranking = Objects.requireNonNull(ranking, "ranking").clone();
    }

    /** A reward report with a group size, the P1 shape. */
    public static Report ofRewards(String agent, double[] rewards, double weight) {
        return new Report(agent, rewards, weight, OptionalDouble.empty(), OptionalDouble.empty(), new int[0]);
    }

    /** A reward report with weight 1, the P3 shape. */
    public static Report ofRewards(String agent, double[] rewards) {
        return ofRewards(agent, rewards, 1);
    }

    /** A copy of this report with other rewards and weight, keeping every other component. */
    public Report withRewards(double[] newRewards, double newWeight) {
        return new Report(agent, newRewards, newWeight, feedback, bid, ranking);
    }

    /** The reward of one outcome, without copying the vector. */
    public double reward(int outcome) {
        return rewards[outcome];
    }

    /**
     * Copies {@code length} rewards starting at outcome {@code from} into {@code target} at {@code offset},
     * for bulk reads of long reward vectors without copying them whole.
     *
     * @throws IndexOutOfBoundsException if either range is out of bounds
     */
    public void copyRewards(int from, double[] target, int offset, int length) {
        System.arraycopy(rewards, from, target, offset, length);
    }

    /** The number of rewards (0 when the report carries none). */
    public int rewardCount() {
        return rewards.length;
    }

    /** A copy of the rewards. */
    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /** A copy of the ranking. */
    @Override
    public int[] ranking() {
        return ranking.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Report r
                && agent.equals(r.agent)
                && Arrays.equals(rewards, r.rewards)
                && Double.compare(weight, r.weight) == 0
                && feedback.equals(r.feedback)
                && bid.equals(r.bid)
                && Arrays.equals(ranking, r.ranking);
    }

    @Override
    public int hashCode() {
        return Objects.hash(agent, Arrays.hashCode(rewards), weight, feedback, bid, Arrays.hashCode(ranking));
    }

    @Override
    public String toString() {
        return "Report[agent=" + agent + ", rewards=" + Arrays.toString(rewards) + ", weight=" + weight
                + (feedback.isPresent() ? ", feedback=" + feedback.getAsDouble() : "")
                + (bid.isPresent() ? ", bid=" + bid.getAsDouble() : "")
                + (ranking.length > 0 ? ", ranking=" + Arrays.toString(ranking) : "") + "]";
    }
}
