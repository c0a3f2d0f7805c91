package io.agora.api;

import java.util.Arrays;
import java.util.List;
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
 *
 * <p>Length: about 300 lines with its {@link Builder}, which shares the report's arrays until a value changes.
 */
public final class Report {
    /** The conventional name of the reward vector over the outcomes. */
    public static final String REWARDS = "rewards";
    /** The conventional name of the weight (group size). */
    public static final String WEIGHT = "weight";
    private static final double[] NO_REWARDS = new double[0];
    private static final String[] NO_NAMES = new String[0];

    private final String agent;
    /**
     * Component names and their values (double[], Double, int[] or String), in the order given. Two small arrays rather
     * than a map: a report has a handful of components, hosted rounds build millions of reports, and reports that
     * differ only in values share their names array. Never exposed, never changed.
     */
    private final String[] names;
    private final Object[] values;
    /** The rewards component, cached because the clearing loops read it per entry. */
    private final double[] rewards;
    private final double weight;

    private Report(String agent, String[] names, Object[] values) {
        if (agent == null || agent.isBlank()) {
            throw new InvalidInputException("agent", "must be a non-blank id");
        }
        this.agent = agent;
        this.names = names;
        this.values = values;
        this.rewards = raw(REWARDS) instanceof double[] r ? r : NO_REWARDS;
        this.weight = raw(WEIGHT) instanceof Double w ? w : 1;
    }

    /** A builder of a report by {@code agent}. */
    public static Builder builder(String agent) {
        return new Builder(agent, NO_NAMES, new Object[0]);
    }

    /** A reward report with a group size, the P1 shape. */
    public static Report ofRewards(String agent, double[] rewards, double weight) {
        return builder(agent).numbers(REWARDS, rewards).number(WEIGHT, weight).build();
    }

    /** A builder holding this report's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(agent, names, values);
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
    public List<String> components() {
        return List.of(names);
    }

    /** How many components the report carries. */
    int size() {
        return names.length;
    }

    /** The value under {@code name} as stored (double[], Double, int[], String), or null; for this package's checks. */
    Object raw(String name) {
        int i = indexOf(names, name);
        return i < 0 ? null : values[i];
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            // Names are usually the same constant strings, so identity decides before equals is needed.
            if (names[i] == name || names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the report carries component {@code name}. */
    public boolean has(String name) {
        return indexOf(names, name) >= 0;
    }

    /** The kind of value under {@code name}: {@code numbers}, {@code number}, {@code ranking}, {@code text}, or null. */
    public String kindOf(String name) {
        Object v = raw(name);
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
        Object v = raw(name);
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
        if (!(o instanceof Report r) || !agent.equals(r.agent) || names.length != r.names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            int j = indexOf(r.names, names[i]);
            if (j < 0 || !Objects.deepEquals(values[i], r.values[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = agent.hashCode();
        for (int i = 0; i < names.length; i++) {
            h += names[i].hashCode() ^ Arrays.deepHashCode(new Object[]{values[i]});
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Report[agent=").append(agent);
        for (int i = 0; i < names.length; i++) {
            String v = Arrays.deepToString(new Object[]{values[i]});
            s.append(", ").append(names[i]).append('=').append(v, 1, v.length() - 1);
        }
        return s.append(']').toString();
    }

    /**
     * Collects a report's values; each setter checks its value and replaces any earlier one of that name. A builder may
     * go on after {@link #build()}: the built report keeps its own arrays.
     */
    public static final class Builder {
        private final String agent;
        /** Shared with the report it came from (or was built into) until a component is added. */
        private String[] names;
        private Object[] values;
        /** Whether {@link #values} may be written in place (it belongs to no report yet). */
        private boolean ownValues;

        private Builder(String agent, String[] names, Object[] values) {
            this.agent = agent;
            this.names = names;
            this.values = values;
        }

        private void put(String name, Object value) {
            int i = indexOf(names, name);
            if (i < 0) {
                names = Arrays.copyOf(names, names.length + 1);
                names[names.length - 1] = name;
                values = Arrays.copyOf(values, values.length + 1);
                ownValues = true;
                i = names.length - 1;
            } else if (!ownValues) {
                values = values.clone();
                ownValues = true;
            }
            values[i] = value;
        }

        /** A vector of finite numbers, such as rewards over the outcomes. */
        public Builder numbers(String name, double[] vector) {
            put(name, Numbers.finiteCopy(name, vector));
            return this;
        }

        /** A finite number, such as a weight, a probability or a bid. */
        public Builder number(String name, double value) {
            put(name, Numbers.finite(name, value));
            return this;
        }

        /** A ranking of outcome indices, best first. */
        public Builder ranking(String name, int[] order) {
            if (order == null) {
                throw new InvalidInputException(name, "is required");
            }
            put(name, order.clone());
            return this;
        }

        /** A text, such as a reply or an annotator id. */
        public Builder text(String name, String text) {
            if (text == null) {
                throw new InvalidInputException(name, "is required");
            }
            put(name, text);
            return this;
        }

        /** The report. */
        public Report build() {
            ownValues = false;
            return new Report(agent, names, values);
        }
    }
}
