package io.agora.runtime.market;

import java.util.regex.Pattern;

/**
 * A failure's reason as bots may read it: the words of the message without Java class names (a plugin's exception
 * types say nothing to a bot author and tell an attacker what runs inside). The full reason goes to the log.
 */
public final class PublicReason {
    /**
     * A qualified Java type name, or a simple one ending in Exception or Error, optionally followed by ": ", such as
     * {@code java.lang.ArithmeticException: } or {@code IllegalStateException: }.
     */
    private static final Pattern JAVA_TYPE = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b(?::\\s*)?"
                    + "|\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?");
    private static final int MAX = 300;

    private PublicReason() {
    }

    /** {@code reason} without Java type names, at most 300 characters. */
    public static String of(String reason) {
        if (reason == null || reason.isBlank()) {
            return "the mechanism failed";
        }
        String clean = JAVA_TYPE.matcher(reason).replaceAll("").replaceAll("\\s+", " ").trim();
        if (clean.isEmpty() || clean.endsWith("threw")) {
            clean = clean + (clean.isEmpty() ? "" : " ") + "an error";
        }
        return clean.length() > MAX ? clean.substring(0, MAX) + "..." : clean;
    }
}
