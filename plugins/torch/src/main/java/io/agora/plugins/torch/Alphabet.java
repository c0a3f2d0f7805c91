package io.agora.plugins.torch;

import io.agora.api.InvalidInputException;

/**
 * The model's tokens: one per character of printable ASCII, tab and newline, and three markers: the start of a
 * prompt, the end of a prompt (where a reply begins) and the end of a reply. Every text of those characters has
 * exactly one tokenization, so the probability of a reply is the product of its tokens' probabilities with no
 * other way to spell it; a character outside the alphabet is refused rather than dropped.
 */
final class Alphabet {
    static final int START = 0;
    static final int PROMPT_END = 1;
    static final int REPLY_END = 2;
    private static final int FIRST_CHAR = 3;
    /** Markers, tab, newline and the 95 printable characters. */
    static final int SIZE = FIRST_CHAR + 2 + 95;

    private Alphabet() {
    }

    static int token(char c) {
        if (c >= ' ' && c <= '~') {
            return FIRST_CHAR + 2 + (c - ' ');
        }
        if (c == '\t') {
            return FIRST_CHAR;
        }
        if (c == '\n') {
            return FIRST_CHAR + 1;
        }
        return -1;
    }

    static char character(int token) {
        if (token == FIRST_CHAR) {
            return '\t';
        }
        if (token == FIRST_CHAR + 1) {
            return '\n';
        }
        if (token >= FIRST_CHAR + 2 && token < SIZE) {
            return (char) (' ' + token - FIRST_CHAR - 2);
        }
        throw new IllegalArgumentException("token " + token + " is a marker, not a character");
    }

    /** The tokens of a text. @throws InvalidInputException naming {@code field} for a character outside the alphabet */
    static int[] encode(String text, String field) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            out[i] = token(c);
            if (out[i] < 0) {
                throw new InvalidInputException(field, String.format(
                        "character U+%04X at position %d is outside the torch model's alphabet (printable ASCII, tab and newline)", (int) c, i));
            }
        }
        return out;
    }

    /**
     * The model's input for a reply to a prompt: start, the prompt's last {@code promptTokens} characters, the
     * prompt's end, the reply and (when {@code ended}) the reply's end.
     */
    static int[] sequence(int[] prompt, int promptTokens, int[] reply, boolean ended) {
        int keep = Math.min(prompt.length, promptTokens);
        int[] seq = new int[keep + 2 + reply.length + (ended ? 1 : 0)];
        seq[0] = START;
        System.arraycopy(prompt, prompt.length - keep, seq, 1, keep);
        seq[keep + 1] = PROMPT_END;
        System.arraycopy(reply, 0, seq, keep + 2, reply.length);
        if (ended) {
            seq[seq.length - 1] = REPLY_END;
        }
        return seq;
    }
}
