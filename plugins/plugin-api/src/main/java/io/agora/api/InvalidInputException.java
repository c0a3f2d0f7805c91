package io.agora.api;

import java.util.Objects;

/**
 * Thrown when a value supplied from outside (a parameter, a report, a round) breaks a rule.
 *
 * <p>The message is always {@code field: rule}, for example
 * {@code reports[1].rewards: length 4, expected 3 (the number of outcomes)}, so that the command line and
 * the HTTP API can show it as it is. Mechanisms throw it for input that is invalid for them; hosts turn it
 * into exit code 2 or a problem response and never change state because of it.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    /**
     * @param field the path of the offending field, such as {@code params.lambda} or {@code reports[0].weight}
     * @param rule  the rule it breaks, in words a user can act on
     */
    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The path of the offending field. */
    public String field() {
        return field;
    }

    /** The rule that the field breaks. */
    public String rule() {
        return rule;
    }

    /**
     * Returns the same error with {@code prefix} put in front of its field, so that a record that validates
     * its own components can be placed in a larger document: {@code rewards[2]} becomes
     * {@code reports[1].rewards[2]}.
     *
     * @param prefix the path of the enclosing value, without a trailing dot
     * @return a new exception with the prefixed field
     */
    public InvalidInputException within(String prefix) {
        return new InvalidInputException(prefix + "." + field, rule);
    }
}
