package io.agora.runtime.market;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.plugins.PluginHost;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sharded market before it is configured: Cluster Sharding creates markets from their id alone, so the
 * first {@link Market.Configure} brings the {@link MarketSpec}; the market then opens its mechanism from
 * this node's plugin host and becomes a {@link Market}. Until then rounds and reports are refused.
 */
final class UnconfiguredMarket {
    private UnconfiguredMarket() {
    }

    static Behavior<Market.Command> create(String marketId, PluginHost host) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.receive(Market.Command.class)
                .onMessage(Market.Configure.class, c -> {
                    try {
                        MarketSpec spec = c.spec();
                        GuardedMechanism mechanism = GuardedMechanism.open(host.mechanism(spec.mechanism(), "mechanism"), spec.params(),
                                MechanismContext.of(marketId, spec.seed()));
                        MissPolicy miss = MissPolicy.byId(spec.missPolicy());
                        if (miss == null) {
                            throw new InvalidInputException("missPolicy", "must be truthful, abstain or zero, got " + spec.missPolicy());
                        }
                        MarketSettings settings = new MarketSettings(marketId, OutcomeSpace.of(spec.reference().length),
                                Policy.ofProbabilities(spec.reference()),
                                spec.deadlineMillis() > 0 ? Duration.ofMillis(spec.deadlineMillis()) : null,
                                miss, spec.fullInformation(), true);
                        c.replyTo().tell(new Market.Configured(marketId, null));
                        return Market.configured(ctx, timers, settings, mechanism);
                    } catch (InvalidInputException | PluginFailureException e) {
                        c.replyTo().tell(new Market.Configured(marketId, e.getMessage()));
                        return Behaviors.same();
                    }
                })
                .onMessage(Market.OpenRound.class, o -> {
                    o.replyTo().tell(new Market.RoundFailed(o.round(), "market " + marketId + " is not configured", List.of(), Map.of()));
                    return Behaviors.same();
                })
                .onMessage(Market.SubmitReport.class, r -> {
                    if (r.replyTo() != null) {
                        r.replyTo().tell(new Market.Rejected(r.round(), "market: " + marketId + " is not configured"));
                    }
                    return Behaviors.same();
                })
                .onAnyMessage(m -> Behaviors.same())
                .build()));
    }
}
