package io.agora.wire;

/**
 * A request to register a client of the embedded token issuer (admins).
 *
 * @param name a unique name (letters, digits, '-', '_', '.')
 * @param role bot, experimenter or admin
 */
public record ClientCreate(String name, String role) {
}
