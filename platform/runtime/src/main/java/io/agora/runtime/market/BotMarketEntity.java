package io.agora.runtime.market;

import io.agora.runtime.plugins.GuardedMechanism;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;

/**
 * Bot markets as Cluster Sharding entities: a market lives on one node with the {@code market} role, is reached from
 * any node by its id, and starts on the first message it gets. It starts by loading itself from storage (its rules,
 * seats, the open round's stored reports, its mechanism's last snapshot), so a market that moves to another node, or
 * a node that restarts, resumes exactly where the journal says it was. Messages that arrive while it loads wait.
 */
public final class BotMarketEntity {
    /** The entity type of bot markets. */
    public static final EntityTypeKey<BotMarket.Command> TYPE_KEY = EntityTypeKey.create(BotMarket.Command.class, "BotMarket");
    /** How many messages a loading market keeps for when it is up; beyond it they are dropped and their asks time out. */
    private static final int STASH = 100_000;

    private BotMarketEntity() {
    }

    /** Where a node loads markets from, and where they journal and publish. */
    public interface Source {
        /**
         * Loads market {@code marketId}: its spec, its opened mechanism (restored to its last snapshot) and what it
         * recovers from the journal. Fails when the market is unknown or cannot run here (its plugin is missing).
         */
        CompletionStage<Loaded> load(String marketId);

        /** The journal the markets write to. */
        MarketJournal journal();

        /** Who hears what the markets publish. */
        BotMarket.Listener listener();
    }

    /**
     * A market read back from storage.
     *
     * @param spec      its rules
     * @param mechanism its mechanism, opened and restored
     * @param recovered what it resumes from (a new market: no seats, round 0)
     */
    public record Loaded(BotMarketSpec spec, GuardedMechanism mechanism, BotMarket.Recovered recovered) {
    }

    private record LoadDone(Loaded loaded, Throwable error) implements BotMarket.Command {
    }

    /** Starts sharding of bot markets on {@code system}, loading them from {@code source}. */
    public static void init(ActorSystem<?> system, Source source) {
        // Never passivated: an idle market still has a deadline to keep (its timer lives in the entity).
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> loading(ctx.getEntityId(), source))
                .withRole(MarketSharding.ROLE)
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    /** A reference to bot market {@code marketId}, wherever it lives. */
    public static EntityRef<BotMarket.Command> ref(ActorSystem<?> system, String marketId) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, marketId);
    }

    /** A market that loads itself, then behaves as {@link BotMarket}. */
    static Behavior<BotMarket.Command> loading(String marketId, Source source) {
        return Behaviors.withStash(STASH, stash -> Behaviors.setup(ctx -> {
            ctx.pipeToSelf(source.load(marketId), LoadDone::new);
            return Behaviors.receive(BotMarket.Command.class)
                    .onMessage(LoadDone.class, done -> {
                        if (done.error() != null) {
                            // Asks waiting here time out (503 over HTTP); the next message tries to load the market again.
                            LoggerFactory.getLogger(BotMarketEntity.class).error("market {} cannot start: {}", marketId,
                                    done.error().getMessage());
                            return Behaviors.stopped();
                        }
                        Loaded l = done.loaded();
                        return stash.unstashAll(BotMarket.create(l.spec(), l.mechanism(), source.journal(), source.listener(), l.recovered()));
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
