package io.agora.sdk;

/** Where a client's bearer tokens come from. Implementations are thread-safe. */
public interface TokenSource {
    /** A token that is valid now (cached while it lives). */
    String token();

    /** Forgets the cached token (after a 401), so that the next call gets a new one. */
    void invalidate();
}
