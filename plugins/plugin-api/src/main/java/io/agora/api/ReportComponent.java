package io.agora.api;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * One part of a report as a mechanism declares it: a reward vector over the outcomes, a number within bounds
 * (a weight, a probability, a bid), a ranking of outcomes, or a text (a reply, an annotator id). Each component
 * carries its own rules, so that hosts validate, document, draw and perturb reports of any mechanism without
 * knowing it.
 *
 * <p>Names are JSON field names: a lower-case letter, then letters and digits, at most 40 characters; never
 * {@code agent}, which names the reporter.
 *
 * <p>Length: over 300 lines because the four kinds are one sealed family, each with its rules, check, projection and
 * random draw side by side; a plugin author reads them here in one place.
 */
public sealed interface ReportComponent
        permits ReportComponent.Rewards, ReportComponent.Scalar, ReportComponent.Ranking, ReportComponent.Text {

    /** The component's field name in a report. */
    String name();

    /** What the component means, in a few words a bot author can act on. */
    String description();

    /** Whether every report must carry the component. */
    boolean required();

    /** The kind as it is named on the wire: {@code rewards}, {@code number}, {@code ranking} or {@code text}. */
    String kind();

    /** The name pattern every component follows. */
    Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

    /** Whether {@code name} follows {@link #NAME} and is not {@code agent}; by hand, as shapes are built per market. */
    private static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > 40 || name.equals("agent") || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static void checkName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("a report component's name must match " + NAME + " and not be 'agent', got " + name);
        }
    }

    /** A reward vector over the outcomes (one value per outcome), with a sign rule and a normalization. */
    static Rewards rewards(String name, String description, boolean nonNegative, Normalization normalization, double tolerance) {
        return new Rewards(name, description, nonNegative, normalization, tolerance);
    }

    /** A required number in {@code [min, max]}. */
    static Scalar number(String name, String description, double min, double max, boolean integer) {
        return new Scalar(name, description, min, max, integer, true, Scalar.Unit.NUMBER);
    }

    /** A required probability in [0, 1]: a belief, which the incentive audit tries rounding to 0 or 1. */
    static Scalar probability(String name, String description) {
        return new Scalar(name, description, 0, 1, false, true, Scalar.Unit.PROBABILITY);
    }

    /** A required amount of money in {@code [0, max]}: a bid or an asked price, which the incentive audit tries shading. */
    static Scalar money(String name, String description, double max) {
        return new Scalar(name, description, 0, max, false, true, Scalar.Unit.MONEY);
    }

    /** A required ranking of at least {@code minLength} distinct outcomes, best first. */
    static Ranking ranking(String name, String description, int minLength) {
        return new Ranking(name, description, minLength);
    }

    /** A required free text (a reply) of at most {@code maxLength} characters. */
    static Text text(String name, String description, int maxLength) {
        return new Text(name, description, maxLength, false, true);
    }

    /** A required identifier (letters, digits and {@code . _ : -}) of at most {@code maxLength} characters. */
    static Text identifier(String name, String description, int maxLength) {
        return new Text(name, description, maxLength, true, true);
    }

    /**
     * A reward per outcome.
     *
     * @param nonNegative   whether every reward must be {@code >= 0}
     * @param normalization how the vector is normalized
     * @param tolerance     how far the normalized quantity may be from 1
     */
    record Rewards(String name, String description, boolean nonNegative, Normalization normalization, double tolerance)
            implements ReportComponent {

        /** Checks the name and the tolerance. */
        public Rewards {
            checkName(name);
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(normalization, "normalization");
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
            }
        }

        @Override
        public boolean required() {
            return true;
        }

        @Override
        public String kind() {
            return "rewards";
        }

        /** Checks a vector over {@code outcomes} outcomes, reading it in place. */
        void check(double[] v, int outcomes) {
            int n = v.length;
            if (n != outcomes) {
                throw new InvalidInputException(name, "length " + n + ", expected " + outcomes + " (the number of outcomes)");
            }
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < n; y++) {
                double r = v[y];
                if (nonNegative && r < 0) {
                    throw new InvalidInputException(name + "[" + y + "]", "must be >= 0 (" + description + " are non-negative), got " + r);
                }
                sum += r;
                max = Math.max(max, r);
            }
            String broken = normalization.violation(sum, max, tolerance);
            if (broken != null) {
                throw new InvalidInputException(name, broken);
            }
        }

        /** The closest admissible vector: clipped at 0 when required, then normalized. */
        public double[] admissible(double[] rewards) {
            double[] r = rewards.clone();
            if (nonNegative) {
                for (int i = 0; i < r.length; i++) {
                    r[i] = Math.max(0, r[i]);
                }
            }
            return normalization.normalize(r);
        }

        /** A random admissible vector: uniform on [0,1]^m, then normalized. */
        public double[] random(int outcomes, SplittableRandom random) {
            double[] r = new double[outcomes];
            for (int y = 0; y < outcomes; y++) {
                r[y] = random.nextDouble();
            }
            return admissible(r);
        }
    }

    /**
     * A number in {@code [min, max]}: a weight, a probability, a bid.
     *
     * @param min     the smallest admissible value (finite)
     * @param max     the largest admissible value (finite, {@code >= min})
     * @param integer whether the value must be a whole number
     * @param unit    what the number measures, which picks the audit's misreports for it
     */
    record Scalar(String name, String description, double min, double max, boolean integer, boolean required, Unit unit)
            implements ReportComponent {

        /** What a number measures. */
        public enum Unit {
            /** A plain number: a weight, a group size. */
            NUMBER,
            /** A probability in [0, 1]. */
            PROBABILITY,
            /** An amount of money: a bid, an asked price. */
            MONEY;

            /** The name on the wire: {@code number}, {@code probability} or {@code money}. */
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /**
             * The unit named {@code id}; a plain number for null.
             *
             * @throws IllegalArgumentException for another name
             */
            public static Unit of(String id) {
                if (id == null) {
                    return NUMBER;
                }
                for (Unit u : values()) {
                    if (u.id().equals(id)) {
                        return u;
                    }
                }
                throw new IllegalArgumentException("unknown unit '" + id + "': number, probability or money");
            }
        }

        /** Checks the name and the bounds. */
        public Scalar {
            checkName(name);
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(unit, "unit");
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException(name + ": bounds must be finite with min <= max, got [" + min + ", " + max + "]");
            }
        }

        /** A plain number (the form before units were declared). */
        public Scalar(String name, String description, double min, double max, boolean integer, boolean required) {
            this(name, description, min, max, integer, required, Unit.NUMBER);
        }

        /** The same component, which a report may leave out. */
        public Scalar optional() {
            return new Scalar(name, description, min, max, integer, false, unit);
        }

        @Override
        public String kind() {
            return "number";
        }

        void check(double v) {
            if (integer && v != Math.rint(v)) {
                throw new InvalidInputException(name, "must be a whole number (" + description + "), got " + v);
            }
            if (v < min || v > max) {
                throw new InvalidInputException(name, "must be in " + range() + " (" + description + "), got " + show(v));
            }
        }

        /** The admissible range as people read it, such as {@code [1, 100]} or {@code [0, 0.5]}. */
        public String range() {
            return "[" + show(min) + ", " + show(max) + "]";
        }

        /** The closest admissible value: rounded when whole numbers are required, then clamped. */
        public double admissible(double value) {
            double v = integer ? Math.rint(value) : value;
            return Math.max(min, Math.min(max, v));
        }

        /** A random admissible value: uniform on {@code [min, max]}, then made admissible. */
        public double random(SplittableRandom random) {
            return admissible(min + random.nextDouble() * (max - min));
        }

        private static String show(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * Outcomes from best to worst: distinct outcome indices, at least {@code minLength} of them and at most
     * the number of outcomes (a partial ranking lists its top entries).
     */
    record Ranking(String name, String description, int minLength) implements ReportComponent {

        /** Checks the name and the length. */
        public Ranking {
            checkName(name);
            Objects.requireNonNull(description, "description");
            if (minLength < 1) {
                throw new IllegalArgumentException(name + ": minLength must be >= 1, got " + minLength);
            }
        }

        @Override
        public boolean required() {
            return true;
        }

        @Override
        public String kind() {
            return "ranking";
        }

        void check(int[] ranking, int outcomes) {
            if (ranking.length < minLength || ranking.length > outcomes) {
                throw new InvalidInputException(name, "must list between " + minLength + " and " + outcomes
                        + " distinct outcomes (" + description + "), got " + ranking.length);
            }
            boolean[] seen = new boolean[outcomes];
            for (int k = 0; k < ranking.length; k++) {
                int y = ranking[k];
                if (y < 0 || y >= outcomes) {
                    throw new InvalidInputException(name + "[" + k + "]", "must be an outcome index in [0, " + (outcomes - 1) + "], got " + y);
                }
                if (seen[y]) {
                    throw new InvalidInputException(name + "[" + k + "]", "outcome " + y + " is listed twice");
                }
                seen[y] = true;
            }
        }

        /** A random ranking of {@code length} outcomes (a uniformly random ordered subset). */
        public int[] random(int outcomes, int length, SplittableRandom random) {
            int[] all = new int[outcomes];
            for (int y = 0; y < outcomes; y++) {
                all[y] = y;
            }
            for (int k = 0; k < length; k++) {
                int j = k + random.nextInt(outcomes - k);
                int t = all[k];
                all[k] = all[j];
                all[j] = t;
            }
            return java.util.Arrays.copyOf(all, length);
        }
    }

    /**
     * A text: a reply ({@code identifier} false: any printable text, lines allowed) or an identifier such as an
     * annotator id (letters, digits and {@code . _ : -}).
     *
     * @param maxLength the most characters (code points) admitted
     */
    record Text(String name, String description, int maxLength, boolean identifier, boolean required) implements ReportComponent {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");

        /** Checks the name and the length. */
        public Text {
            checkName(name);
            Objects.requireNonNull(description, "description");
            if (maxLength < 1) {
                throw new IllegalArgumentException(name + ": maxLength must be >= 1, got " + maxLength);
            }
        }

        /** The same component, which a report may leave out. */
        public Text optional() {
            return new Text(name, description, maxLength, identifier, false);
        }

        @Override
        public String kind() {
            return identifier ? "id" : "text";
        }

        void check(String text) {
            int length = text.codePointCount(0, text.length());
            if (text.isBlank()) {
                throw new InvalidInputException(name, "must not be blank (" + description + ")");
            }
            if (length > maxLength) {
                throw new InvalidInputException(name, "at most " + maxLength + " characters (" + description + "), got " + length);
            }
            if (identifier && !ID.matcher(text).matches()) {
                throw new InvalidInputException(name, "only letters, digits and . _ : - (" + description + ")");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                    throw new InvalidInputException(name, "must not contain control characters (" + description + ")");
                }
            }
        }

        /** A random admissible text: a word of lower-case letters (at most 12), for drawn types and tests. */
        public String random(SplittableRandom random) {
            char[] word = new char[Math.min(12, maxLength)];
            for (int i = 0; i < word.length; i++) {
                word[i] = (char) ('a' + random.nextInt(26));
            }
            return new String(word);
        }
    }
}
