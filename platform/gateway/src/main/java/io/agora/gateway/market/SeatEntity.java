package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A bot's seat in a market (written by the journal when the market seats the bot). */
@Entity
@Table(name = "seats")
public class SeatEntity {
    @Id
    public String id;
    @Column(name = "market_id")
    public String marketId;
    public String bot;
    @Column(name = "seat_index")
    public int seatIndex;
    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;
}
