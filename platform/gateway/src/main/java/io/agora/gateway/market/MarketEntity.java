package io.agora.gateway.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A market's row: its rules (parameters and reference as JSON text) and its status. */
@Entity
@Table(name = "markets")
public class MarketEntity {
    @Id
    public String id;
    public String name;
    public String owner;
    public String mechanism;
    @Column(columnDefinition = "text")
    public String params;
    @Column(columnDefinition = "text")
    public String reference;
    /** The prompt the market's rounds answer, or null. */
    @Column(columnDefinition = "text")
    public String prompt;
    /** The outcomes' texts as a JSON list, or null when they are unlabeled. */
    @Column(name = "outcome_labels", columnDefinition = "text")
    public String outcomeLabels;
    public int seats;
    public int rounds;
    @Column(name = "deadline_millis")
    public long deadlineMillis;
    @Column(name = "miss_policy")
    public String missPolicy;
    @Column(name = "min_weight")
    public long minWeight;
    @Column(name = "max_weight")
    public long maxWeight;
    public long seed;
    /** What the market may pay out beyond what it takes in; null for no limit. */
    public Double budget;
    /** open, finished or closed. */
    public String status;
    @Column(name = "current_round")
    public int currentRound;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
