package io.agora.experiment;

import java.util.List;
import java.util.Map;

/**
 * A named sweep: settings applied to every point, and settings varied over the cartesian product of their
 * values (the first varied path is the x axis of the sweep's plots, the others become series).
 *
 * @param name the sweep's name
 * @param set  paths fixed for this sweep, such as {@code population.g1.strategy}
 * @param vary paths varied, each with its values, in order
 */
public record SweepSpec(String name, Map<String, Object> set, Map<String, List<Object>> vary) {
}
