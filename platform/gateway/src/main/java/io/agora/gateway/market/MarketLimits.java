package io.agora.gateway.market;

import io.agora.api.InvalidInputException;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.gateway.web.ProblemException;
import io.agora.runtime.experiment.TypeSpec;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.market.PublicReason;
import io.agora.runtime.plugins.PluginFailureException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a new market must show before it is accepted: that every round it will run can work. A truthful report must
 * fit the request body limit (or every round would fall back to the miss policy), a round's types must fit in
 * memory, and the mechanism must clear a round of truthful types with finite payments and values under the
 * requested parameters (λ = 1e-320 once made every round fail with NaN payments).
 */
@ApplicationScoped
public class MarketLimits {
    /**
     * Bytes of the longest double as JSON text (such as {@code -1.2345678901234567E-300}) plus its comma: the report
     * size bound per outcome.
     */
    static final int BYTES_PER_REWARD = 25;
    /** The rest of a report: braces, field names, the weight. */
    static final int REPORT_OVERHEAD = 64;
    private final long bodyLimit;
    private final long maxSeatOutcomes;

    MarketLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit,
                 @ConfigProperty(name = "agora.markets.max-seat-outcomes") long maxSeatOutcomes) {
        this.bodyLimit = bodyLimit.asLongValue();
        this.maxSeatOutcomes = maxSeatOutcomes;
    }

    /** The most outcomes a market may have so that any valid report fits the body limit. */
    public int maxOutcomes() {
        return (int) Math.min(Integer.MAX_VALUE, (bodyLimit - REPORT_OVERHEAD) / BYTES_PER_REWARD);
    }

    /** Refuses sizes that a round could not handle; runs before anything is allocated per seat. */
    void checkSize(int outcomes, int seats) {
        if (outcomes > maxOutcomes()) {
            throw ProblemException.badRequest("reference", "at most " + maxOutcomes() + " outcomes, got " + outcomes
                    + ": a report over more outcomes can exceed the request body limit of " + bodyLimit + " bytes");
        }
        if ((long) outcomes * seats > maxSeatOutcomes) {
            throw ProblemException.badRequest("seats", "seats × outcomes must be at most " + maxSeatOutcomes + ", got "
                    + seats + " × " + outcomes);
        }
    }

    /** Clears one round of truthful types drawn from {@code types}; refuses the market when that round fails. */
    void probe(GuardedMechanism mechanism, double[] reference, int seats, TypeSpec types) {
        OutcomeSpace outcomes = OutcomeSpace.of(reference.length);
        SplittableRandom random = new SplittableRandom(seats * 31L + reference.length);
        List<Report> truthful = new ArrayList<>(seats);
        for (int i = 0; i < seats; i++) {
            truthful.add(types.draw("probe-" + i, reference.length, random));
        }
        try {
            RoundInput round = new RoundInput(1, outcomes, Policy.ofProbabilities(reference), truthful);
            RoundResult result = mechanism.clear(round);
            for (Payment p : result.payments()) {
                if (!Double.isFinite(p.amount())) {
                    throw unusable("a payment came out as " + p.amount());
                }
            }
            for (Report type : truthful) {
                mechanism.value(type, round, result);
            }
        } catch (InvalidInputException | PluginFailureException e) {
            throw unusable(PublicReason.of(e.getMessage()));
        }
    }

    private static ProblemException unusable(String why) {
        return ProblemException.badRequest("params", "the mechanism cannot clear a round of truthful reports with these "
                + "parameters (" + why + "); choose values in the documented ranges");
    }
}
