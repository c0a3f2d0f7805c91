package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A settled round: its outcome (JSON text) or why it failed. */
@Entity
@Table(name = "rounds")
@IdClass(RoundEntity.Key.class)
public class RoundEntity {
    @Id
    @Column(name = "market_id")
    public String marketId;
    @Id
    public int round;
    /** cleared or failed. */
    public String status;
    @Column(columnDefinition = "text")
    public String policy;
    @Column(columnDefinition = "text")
    public String failure;
    /** The mechanism's state after the round (its snapshot), or null. */
    @Column(name = "mechanism_state", columnDefinition = "text")
    public String mechanismState;
    /** The round's preference pairs as JSON ({@code [{chosen, rejected, weight, annotator}]}), or null. */
    @Column(columnDefinition = "text")
    public String preferences;
    @Column(name = "settled_at")
    public OffsetDateTime settledAt;

    /** The composite key. */
    public record Key(String marketId, int round) implements Serializable {
    }
}
