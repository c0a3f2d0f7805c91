package io.agora.experiment;

import java.util.List;
import java.util.Map;

/**
 * One point of a sweep: the settings that define it and the resolved mechanism parameters and population.
 *
 * @param sweep      the sweep's name
 * @param index      the point's index within its sweep
 * @param settings   the varied paths and their values at this point, in order
 * @param params     the mechanism's raw parameters
 * @param population the population with this point's strategies and parameters
 */
public record Point(String sweep, int index, Map<String, Object> settings, Map<String, Object> params,
                    List<GroupSpec> population) {
}
