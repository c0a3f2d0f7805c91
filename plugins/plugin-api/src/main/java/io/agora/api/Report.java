package io.agora.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one agent declares in one round: its id and one value per component of the mechanism's
 * {@link ReportShape}, such as a reward vector ({@code double[]}), a number, a ranking ({@code int[]}) or a text.
 * The same shape describes an agent's true private type: the type is the report a truthful agent would submit.
 *
 * <p>A report checks only what holds for every mechanism on construction (a non-blank agent, finite numbers,
 * non-null values); whether it fits a mechanism is {@link ReportShape#validate(Report, OutcomeSpace)}'s job.
 * Arrays are copied in and out; {@link #entry(String, int)} and {@link #reward(int)} read without copying.
 *
 * <p>The reward vector {@value #REWARDS} and the weight {@value #WEIGHT} (a group size) are the components the
 * shared math reads, so they have short accessors; a report without a weight has weight 1.
 */
public final class Report {
    /** The conventional name of the reward vector over the outcomes. */
    public static final String REWARDS = "rewards";
    /** The conventional name of the weight (group size). */
    public static final String WEIGHT = "weight";
    private static final double[] NO_REWARDS = new double[0];

    private final String agent;
    /** Values by component, in insertion order: double[], Double, int[] or String. Never exposed, never changed. */
    private final Map<String, Object> values;
    /** The rewards component, cached because the clearing loops read it per entry. */
    private final double[] rewards;
    private final double weight;

    private Report(String agent, Map<String, Object> values) {
        if (agent == null || agent.isBlank()) {
            throw new InvalidInputException("agent", "must be a non-blank id");
        }
        this.agent = agent;
        this.values = values;
        this.rewards = values.get(REWARDS) instanceof double[] r ? r : NO_REWARDS;
        this.weight = values.get(WEIGHT) instanceof Double w ? w : 1;
    }

    /** A builder of a report by {@code agent}. */
    public static Builder builder(String agent) {
        return new Builder(agent, new LinkedHashMap<>());
    }

    /** A reward report with a group size, the P1 shape. */
    public static Report ofRewards(String agent, double[] rewards, double weight) {
        return builder(agent).numbers(REWARDS, rewards).number(WEIGHT, weight).build();
    }

    /** A builder holding this report's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(agent, new LinkedHashMap<>(values));
    }

    /** A copy of this report with other rewards and weight, keeping every other component. */
    public Report withRewards(double[] newRewards, double newWeight) {
        return toBuilder().numbers(REWARDS, newRewards).number(WEIGHT, newWeight).build();
    }

    /** The reporting agent's id. */
    public String agent() {
        return agent;
    }

    /** The names of the components this report carries, in the order they were given. */
    public Set<String> components() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** How many components the report carries. */
    int size() {
        return values.size();
    }

    /** The value under {@code name} as stored (double[], Double, int[], String), or null; for this package's checks. */
    Object raw(String name) {
        return values.get(name);
    }

    /** Whether the report carries component {@code name}. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The kind of value under {@code name}: {@code numbers}, {@code number}, {@code ranking}, {@code text}, or null. */
    public String kindOf(String name) {
        Object v = values.get(name);
        return v instanceof double[] ? "numbers" : v instanceof Double ? "number" : v instanceof int[] ? "ranking"
                : v instanceof String ? "text" : null;
    }

    /** A copy of the vector under {@code name}. */
    public double[] numbers(String name) {
        return get(name, double[].class, "a list of numbers").clone();
    }

    /** The length of the vector under {@code name}. */
    public int length(String name) {
        return get(name, double[].class, "a list of numbers").length;
    }

    /** Entry {@code i} of the vector under {@code name}, without copying it. */
    public double entry(String name, int i) {
        return get(name, double[].class, "a list of numbers")[i];
    }

    /** The number under {@code name}. */
    public double number(String name) {
        return get(name, Double.class, "a number");
    }

    /** A copy of the ranking under {@code name}. */
    public int[] ranking(String name) {
        return get(name, int[].class, "a ranking").clone();
    }

    /** The text under {@code name}. */
    public String text(String name) {
        return get(name, String.class, "a text");
    }

    /** The reward of one outcome, without copying the vector. */
    public double reward(int outcome) {
        return rewards[outcome];
    }

    /**
     * Copies {@code length} rewards starting at outcome {@code from} into {@code target} at {@code offset}, for
     * bulk reads of long reward vectors without copying them whole.
     */
    public void copyRewards(int from, double[] target, int offset, int length) {
        System.arraycopy(rewards, from, target, offset, length);
    }

    /** The number of rewards (0 when the report carries none). */
    public int rewardCount() {
        return rewards.length;
    }

    /** A copy of the rewards (empty when the report carries none). */
    public double[] rewards() {
        return rewards.clone();
    }

    /** The weight, 1 when the report carries none. */
    public double weight() {
        return weight;
    }

    private <T> T get(String name, Class<T> type, String what) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidInputException(name, "is required");
        }
        if (!type.isInstance(v)) {
            throw new InvalidInputException(name, "must be " + what);
        }
        return type.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Report r) || !agent.equals(r.agent) || !values.keySet().equals(r.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), r.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = agent.hashCode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.deepHashCode(new Object[]{e.getValue()});
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Report[agent=").append(agent);
        values.forEach((k, v) -> s.append(", ").append(k).append('=').append(Arrays.deepToString(new Object[]{v}), 1,
                Arrays.deepToString(new Object[]{v}).length() - 1));
        return s.append(']').toString();
    }

    /** Collects a report's values; each setter checks its value and replaces any earlier one of that name. */
    public static final class Builder {
        private final String agent;
        private final Map<String, Object> values;

        private Builder(String agent, Map<String, Object> values) {
            this.agent = agent;
            this.values = values;
        }

        /** A vector of finite numbers, such as rewards over the outcomes. */
        public Builder numbers(String name, double[] vector) {
            values.put(name, Numbers.finiteCopy(name, vector));
            return this;
        }

        /** A finite number, such as a weight, a probability or a bid. */
        public Builder number(String name, double value) {
            values.put(name, Numbers.finite(name, value));
            return this;
        }

        /** A ranking of outcome indices, best first. */
        public Builder ranking(String name, int[] order) {
            if (order == null) {
                throw new InvalidInputException(name, "is required");
            }
            values.put(name, order.clone());
            return this;
        }

        /** A text, such as a reply or an annotator id. */
        public Builder text(String name, String text) {
            if (text == null) {
                throw new InvalidInputException(name, "is required");
            }
            values.put(name, text);
            return this;
        }

        /** Removes a component. */
        public Builder without(String name) {
            values.remove(name);
            return this;
        }

        /** The report. */
        public Report build() {
            return new Report(agent, new LinkedHashMap<>(values));
        }
    }
}
