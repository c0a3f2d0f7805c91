package io.agora.gateway.web;

import java.util.regex.Pattern;

/**
 * Query and path parameters, read by the resources themselves rather than by the JAX-RS layer: a value that does
 * not parse is the caller's error (400 naming the parameter and its range), where JAX-RS would answer a vague 404.
 */
public final class Params {
    /** What the gateway's ids look like: a prefix letter, '-', 10 hex digits (see {@link Ids}). */
    private static final Pattern ID = Pattern.compile("[a-z]-[0-9a-f]{10}");
    /** Names of result files: letters, digits, '.', '_' and '-', not starting with a dot. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private Params() {
    }

    /** {@code raw} as a whole number in [min, max]; {@code fallback} when absent. */
    public static long wholeNumber(String name, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number in [" + min + ", " + max + "], got '" + shorten(raw) + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.badRequest(name, "must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** {@code raw} as an int in [min, max]; {@code fallback} when absent. */
    public static int wholeNumber(String name, String raw, int fallback, int min, int max) {
        return (int) wholeNumber(name, raw, (long) fallback, min, max);
    }

    /** {@code raw} if it has the shape of an id made by {@link Ids} with {@code prefix}; 400 otherwise. */
    public static String id(String name, String raw, String prefix) {
        if (raw == null || !raw.startsWith(prefix) || !ID.matcher(raw).matches()) {
            throw ProblemException.badRequest(name, "must be an id such as " + prefix + "3b979b0c4f, got '" + shorten(raw) + "'");
        }
        return raw;
    }

    /** {@code raw} if it is a plain file name (no path, no control characters); 400 otherwise. */
    public static String fileName(String name, String raw) {
        if (raw == null || !FILE_NAME.matcher(raw).matches()) {
            throw ProblemException.badRequest(name, "must be a file name of letters, digits, '.', '_' or '-', got '" + shorten(raw) + "'");
        }
        return raw;
    }

    /**
     * A display name: optional, at most 255 characters, no control characters (PostgreSQL text cannot hold NUL, and
     * names are shown in logs and lists).
     */
    public static String displayName(String name, String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > 255) {
            throw ProblemException.badRequest(name, "at most 255 characters, got " + raw.length());
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw ProblemException.badRequest(name, "must not contain control characters (found one at position " + i + ")");
            }
        }
        return raw;
    }

    /** {@code raw} cut to a length that is safe to echo, with control characters shown as '?'. */
    public static String shorten(String raw) {
        if (raw == null) {
            return "";
        }
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        StringBuilder safe = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }
}
