package io.agora.experiment;

import io.agora.runtime.market.TypeSpec;

import java.util.List;
import java.util.Map;

/**
 * One entry of an experiment's population: {@code count} hosted agents that share a strategy and a type
 * distribution. Metrics are reported per entry (the mean over its agents).
 *
 * @param name     the entry's name; its agents are {@code name} (count 1) or {@code name1..nameK}
 * @param count    how many agents
 * @param strategy the strategy id
 * @param params   the strategy's raw parameters
 * @param types    the type distribution
 */
public record GroupSpec(String name, int count, String strategy, Map<String, Object> params, TypeSpec types) {

    /** The agent ids of this entry. */
    public List<String> agents() {
        if (count == 1) {
            return List.of(name);
        }
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> name + i).toList();
    }

    /** The same entry with another strategy and parameters. */
    public GroupSpec with(String newStrategy, Map<String, Object> newParams) {
        return new GroupSpec(name, count, newStrategy, newParams, types);
    }
}
