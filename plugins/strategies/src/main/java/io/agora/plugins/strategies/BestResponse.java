package io.agora.plugins.strategies;

import io.agora.api.FullInformation;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Report;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.core.audit.BestResponseSearch;
import org.pf4j.Extension;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Searches for the report with the highest utility against the others' current reports, starting from the
 * truth, when the host grants full information; without it there is nothing to respond to and it reports
 * the truth.
 */
@Extension
public final class BestResponse implements StrategyPolicy {
    @Override
    public String id() {
        return "best-response";
    }

    @Override
    public String description() {
        return "Local search from the truth for the utility-maximizing report against the others' reports (full information only).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.integer("iterations", 200, 0L, 1_000_000L, "How many neighbouring reports to try."),
                Parameter.number("step", 0.05, 1e-9, 1.0, "The initial step of the search."));
    }

    @Override
    public boolean usesOthersReports() {
        return true;
    }

    @Override
    public StrategyInstance create(Parameters params, long seed) {
        int iterations = (int) params.integer("iterations");
        double step = params.number("step");
        SplittableRandom random = new SplittableRandom(seed);
        return (type, context) -> {
            Optional<FullInformation> info = context.fullInformation();
            if (info.isEmpty()) {
                return type;
            }
            Report start = context.reportShape().admissible(type);
            return BestResponseSearch.search(start, context.reportShape(), info.get()::utilityOf, iterations, step, random).report();
        };
    }
}
