package io.agora.wire;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An append-only ledger entry: a payment moves {@code amount} between a bot's account ({@code bot:NAME}) and a
 * market's ({@code market:ID}); the entries of a market sum to zero.
 */
public record LedgerEntry(long id, String marketId, int round, String account, BigDecimal amount, Instant at) {
}
