package io.agora.gateway.web;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids of the resources the gateway creates: a prefix and 40 random bits in hex, such as {@code m-3b979b0c4f}. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new id with {@code prefix} (nextBytes: generateSeed would read the entropy source each time). */
    public static String next(String prefix) {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }
}
