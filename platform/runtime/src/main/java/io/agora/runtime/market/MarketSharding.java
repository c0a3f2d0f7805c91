package io.agora.runtime.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.api.ReportShape;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginHost;
import io.agora.wire.ReportJson;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Self-driven markets ({@link MarketRules#selfDriven()}) as Cluster Sharding entities: a market lives on one node with
 * the {@value #ROLE} role, is reached from any node by its id, and starts on the first message it gets. It starts by loading itself from storage (its rules,
 * seats, the open round's stored reports, its mechanism's last snapshot), so a market that moves to another node, or
 * a node that restarts, resumes exactly where the journal says it was. Messages that arrive while it loads wait.
 */
public final class MarketSharding {
    /** The entity type of markets. */
    public static final EntityTypeKey<Market.Command> TYPE_KEY = EntityTypeKey.create(Market.Command.class, "Market");
    /** The role of nodes that host markets; nodes without it run a proxy only. */
    public static final String ROLE = "market";
    /** How many messages a loading market keeps for when it is up; beyond it they are dropped and their asks time out. */
    private static final int STASH = 100_000;

    private MarketSharding() {
    }

    /** Where a node loads markets from, and where they journal and publish. */
    public interface Source {
        /** Loads market {@code marketId} as stored. Fails when the market is unknown. */
        CompletionStage<Stored> load(String marketId);

        /** The journal the markets write to. */
        MarketJournal journal();

        /** Who hears what the markets publish. */
        Market.Listener listener();
    }

    /**
     * A market read back from storage.
     *
     * @param rules          its rules
     * @param mechanismState its mechanism's state after its last settled round ({@link io.agora.api.MechanismInstance#snapshot()}),
     *                       or {@code null}
     * @param recovered      what it resumes from (a new market: no seats, round 0); the open round's reports carry their
     *                       stored JSON bodies, which the market reads in its mechanism's report shape
     */
    public record Stored(MarketRules rules, String mechanismState, Market.Recovered recovered) {
    }

    private record LoadDone(Stored stored, Throwable error) implements Market.Command {
    }

    /** Starts sharding of markets on {@code system}: markets load from {@code source} and open their mechanisms from {@code host}. */
    public static void init(ActorSystem<?> system, PluginHost host, Source source) {
        // Never passivated: an idle market still has a deadline to keep (its timer lives in the entity).
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> loading(ctx.getEntityId(), host, source))
                .withRole(ROLE)
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()
                        .withRememberEntities(system.settings().config().getBoolean("pekko.cluster.sharding.remember-entities"))));
    }

    /** The ids of the markets running on this node now (its shard region's entities). */
    public static CompletionStage<java.util.SortedSet<String>> hostedHere(ActorSystem<?> system, java.time.Duration timeout) {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
                        org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState>ask(ClusterSharding.get(system).shardState(),
                replyTo -> new org.apache.pekko.cluster.sharding.typed.GetShardRegionState(TYPE_KEY, replyTo), timeout, system.scheduler())
                .thenApply(state -> {
                    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
                    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
                    return ids;
                });
    }

    /** A reference to market {@code marketId}, wherever it lives. */
    public static EntityRef<Market.Command> ref(ActorSystem<?> system, String marketId) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, marketId);
    }

    /**
     * Opens the stored market's mechanism (restored to its last snapshot), reads the open round's stored reports in its
     * report shape, and starts the market on them.
     *
     * @throws RuntimeException when the mechanism is not installed here, refuses its parameters or its state, or a stored
     *                          report no longer reads
     */
    static Behavior<Market.Command> start(Stored stored, PluginHost host, Source source) {
        MarketRules rules = stored.rules();
        if (Market.SNAPSHOT_FAILED.equals(stored.mechanismState())) {
            throw new IllegalStateException("its mechanism's state after the last settled round was not saved; resuming "
                    + "from an older state would change its outcomes");
        }
        MarketRules.MechanismChoice choice = rules.mechanism();
        GuardedMechanism mechanism = GuardedMechanism.open(host.mechanism(choice.id(), "mechanism"), choice.params(),
                host.context(rules.marketId(), choice.seed(), rules.prompt()));
        if (stored.mechanismState() != null) {
            mechanism.restore(stored.mechanismState());
        }
        ReportShape shape = mechanism.reportShape();
        Market.Recovered r = stored.recovered();
        List<ReceivedReport> open = new ArrayList<>();
        for (ReceivedReport report : r.reports()) {
            open.add(report.report() != null ? report : new ReceivedReport(report.seat(), report.idempotencyKey(),
                    report.bodyHash(), report.body(), ReportJson.read(read(report.body()), report.seat(), shape, "")));
        }
        Market.Recovered recovered = new Market.Recovered(r.seats(), r.round(), open, r.ended(), r.received(), r.previous());
        return Market.create(rules, mechanism, source.journal(), source.listener(), recovered);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored report is not JSON: " + e.getMessage(), e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A market that loads itself, then behaves as a {@link Market}. */
    static Behavior<Market.Command> loading(String marketId, PluginHost host, Source source) {
        return Behaviors.withStash(STASH, stash -> Behaviors.setup(ctx -> {
            ctx.pipeToSelf(source.load(marketId), LoadDone::new);
            return Behaviors.receive(Market.Command.class)
                    .onMessage(LoadDone.class, done -> {
                        if (done.error() != null) {
                            // Asks waiting here time out (503 over HTTP); the next message tries to load the market again.
                            LoggerFactory.getLogger(MarketSharding.class).error("market {} cannot start: {}", marketId,
                                    done.error().getMessage());
                            return Behaviors.stopped();
                        }
                        Behavior<Market.Command> market;
                        try {
                            market = start(done.stored(), host, source);
                        } catch (RuntimeException e) {
                            LoggerFactory.getLogger(MarketSharding.class).error("market {} cannot start: {}", marketId, e.getMessage());
                            return Behaviors.stopped();
                        }
                        return stash.unstashAll(market);
                    })
                    .onAnyMessage(m -> {
                        if (!stash.isFull()) {
                            stash.stash(m);
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
