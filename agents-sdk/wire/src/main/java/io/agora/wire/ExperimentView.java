package io.agora.wire;

import java.time.Instant;
import java.util.List;

/**
 * A hosted experiment submitted over HTTP.
 *
 * @param status        queued, running, finished, failed or cancelled
 * @param sessionsDone  sessions played so far
 * @param sessionsTotal sessions in the whole run
 * @param files         result files (summary.json, metrics.csv, plots) once finished
 * @param error         why it failed (or who cancelled it)
 * @param queuePosition while queued, its place in the line (1 = runs next); {@code null} otherwise
 */
public record ExperimentView(String id, String name, ExperimentStatus status, long sessionsDone, long sessionsTotal, String owner,
                             Instant createdAt, Instant finishedAt, List<String> files, String error, Integer queuePosition) {
}
