package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A report as it arrived (append-only; written by the journal, read when a market resumes). */
@Entity
@Table(name = "reports")
public class ReportEntity {
    @Id
    public Long id;
    @Column(name = "market_id")
    public String marketId;
    public int round;
    @Column(name = "seat_id")
    public String seatId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "body_hash")
    public String bodyHash;
    @Column(columnDefinition = "text")
    public String body;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
