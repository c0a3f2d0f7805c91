package io.agora.gateway.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A submitted experiment: its config as sent, its status and, once finished, its summary. */
@Entity
@Table(name = "experiments")
public class ExperimentEntity {
    @Id
    public String id;
    public String name;
    public String owner;
    @Column(columnDefinition = "text")
    public String config;
    @Column(name = "config_format")
    public String configFormat;
    /** queued, running, finished, failed or cancelled. */
    public String status;
    /** Runs started so far; an unfinished experiment found at start-up after two is not retried (it may be what crashed). */
    public int attempts;
    @Column(name = "sessions_done")
    public long sessionsDone;
    @Column(name = "sessions_total")
    public long sessionsTotal;
    @Column(columnDefinition = "text")
    public String error;
    @Column(columnDefinition = "text")
    public String summary;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
