package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One seat's result of a settled round. */
@Entity
@Table(name = "seat_results")
@IdClass(SeatResultEntity.Key.class)
public class SeatResultEntity {
    @Id
    @Column(name = "market_id")
    public String marketId;
    @Id
    public int round;
    @Id
    @Column(name = "seat_id")
    public String seatId;
    public String bot;
    public boolean missed;
    public double value;
    public double payment;
    public double utility;
    /** Utility minus the truthful report's utility, the others' fixed; {@code null} where not measured. */
    @Column(name = "honesty_gap")
    public Double honestyGap;

    /** The composite key. */
    public record Key(String marketId, int round, String seatId) implements Serializable {
    }
}
