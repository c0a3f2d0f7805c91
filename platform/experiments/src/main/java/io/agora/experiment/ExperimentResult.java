package io.agora.experiment;

import java.util.List;

/**
 * The outcome of an experiment: its config, its points and the statistics of each, in the same order.
 *
 * @param config the experiment
 * @param points the sweep points
 * @param stats   the statistics per point
 * @param lanes   the lanes whose threads ran the chunks (how many cores the run used); not part of the
 *                written results, which must not depend on scheduling
 */
public record ExperimentResult(ExperimentConfig config, List<Point> points, List<Stats> stats, java.util.Set<String> lanes) {
}
