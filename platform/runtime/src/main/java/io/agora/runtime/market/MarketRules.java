package io.agora.runtime.market;

import io.agora.api.Normalization;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A bot market's rules as they are stored: what the gateway writes when a market is created and what a node reads
 * back to start it ({@link BotMarketEntity}). The runtime derives everything else from them: it opens the mechanism,
 * and {@link #spec(ReportShape)} gives the actor its {@link BotMarketSpec}.
 *
 * @param marketId      the market's id
 * @param mechanism     the mechanism's id
 * @param params        its parameters, as given (validated when the mechanism opens)
 * @param mechanismSeed the seed the mechanism draws its randomness from
 * @param reference     the reference policy's weights, one per outcome (normalized when used)
 * @param seats         how many seats
 * @param rounds        how many rounds; 0 for no limit
 * @param deadline      how long a round collects reports
 * @param missPolicy    what a seat without a report gets
 * @param minWeight     the smallest group size a type is drawn with
 * @param maxWeight     the largest
 * @param typeSeeds     each seat's type seed in each round
 * @param budget        what the market may pay out beyond what it takes in; {@code null} for no limit
 */
public record MarketRules(String marketId, String mechanism, Map<String, Object> params, long mechanismSeed, double[] reference,
                          int seats, int rounds, Duration deadline, MissPolicy missPolicy, long minWeight, long maxWeight,
                          TypeSeeds typeSeeds, Double budget) {

    /** Rejects missing parts; copies the parameters and the reference. */
    public MarketRules {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(mechanism, "mechanism");
        params = Map.copyOf(params);
        reference = reference.clone();
        Objects.requireNonNull(missPolicy, "missPolicy");
        Objects.requireNonNull(typeSeeds, "typeSeeds");
    }

    @Override
    public double[] reference() {
        return reference.clone();
    }

    /** The rules the market's actor runs by, once its mechanism has declared its report {@code shape}. */
    public BotMarketSpec spec(ReportShape shape) {
        return new BotMarketSpec(marketId, Policy.ofProbabilities(reference), seats, rounds, deadline, missPolicy,
                new TypeSpec(typeNormalization(shape), minWeight, maxWeight), typeSeeds, budget);
    }

    /** How drawn types' rewards are normalized: as the mechanism's reward vector is (sum when it has none). */
    public static Normalization typeNormalization(ReportShape shape) {
        return shape.component(Report.REWARDS).orElse(null) instanceof ReportComponent.Rewards r ? r.normalization() : Normalization.SUM;
    }
}
