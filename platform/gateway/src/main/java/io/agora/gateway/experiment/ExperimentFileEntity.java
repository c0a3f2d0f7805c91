package io.agora.gateway.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A result file of a finished experiment (summary.json, metrics.csv, a plot), kept in the database. */
@Entity
@Table(name = "experiment_files")
@IdClass(ExperimentFileEntity.Key.class)
public class ExperimentFileEntity {
    @Id
    @Column(name = "experiment_id")
    public String experimentId;
    @Id
    public String name;
    @Column(name = "content_type")
    public String contentType;
    public byte[] content;

    /** The media type a result file is served with, from its name. */
    static String contentType(String name) {
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        return "application/octet-stream";
    }

    /** The composite key. */
    public record Key(String experimentId, String name) implements Serializable {
    }
}
