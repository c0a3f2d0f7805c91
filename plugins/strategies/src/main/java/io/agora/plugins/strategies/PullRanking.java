package io.agora.plugins.strategies;

import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.PastRound;
import io.agora.api.Policy;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A strategic annotator for ranking reports (P5): it keeps its favourite reply first and orders the rest by how
 * little the policy deployed last round gave them (the reference before any round), so that what the other
 * annotators pushed up is pushed down, and the policy is pulled toward its own type. Ties keep the annotator's own
 * order. A report without that ranking is reported as it is.
 */
@Extension
public final class PullRanking implements StrategyPolicy {
    @Override
    public String id() {
        return "pull-ranking";
    }

    @Override
    public String description() {
        return "Keeps its favourite reply first and ranks the others by how little the last deployed policy gave them, "
                + "to pull the policy toward its own type (ranking reports).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.identifier("component", "ranking", "The ranking component it reorders."));
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        String component = params.identifier("component");
        return (type, context) -> {
            if (!type.has(component) || !"ranking".equals(type.kindOf(component))) {
                return type;
            }
            int[] truth = type.ranking(component);
            List<PastRound> history = context.history();
            Policy last = history.isEmpty() || history.get(history.size() - 1).policy() == null
                    ? context.reference() : history.get(history.size() - 1).policy();
            List<Integer> rest = new ArrayList<>();
            for (int i = 1; i < truth.length; i++) {
                rest.add(truth[i]);
            }
            rest.sort(Comparator.comparingDouble(last::prob)); // stable: ties keep the annotator's order
            int[] report = new int[truth.length];
            report[0] = truth[0];
            for (int i = 1; i < report.length; i++) {
                report[i] = rest.get(i - 1);
            }
            return type.toBuilder().ranking(component, report).build();
        };
    }
}
