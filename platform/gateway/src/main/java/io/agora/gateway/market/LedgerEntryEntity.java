package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An append-only ledger entry (written by the journal; never updated). */
@Entity
@Table(name = "ledger_entries")
public class LedgerEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "market_id")
    public String marketId;
    public int round;
    public String account;
    public BigDecimal amount;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
