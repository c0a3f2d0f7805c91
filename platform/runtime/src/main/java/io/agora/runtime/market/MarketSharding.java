package io.agora.runtime.market;

import io.agora.runtime.plugins.PluginHost;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Markets as Cluster Sharding entities: a market lives on one node (one with the {@code market} role) and
 * is reached from any node by its id. Nodes without the role run a proxy only.
 */
public final class MarketSharding {
    /** The entity type of markets. */
    public static final EntityTypeKey<Market.Command> TYPE_KEY = EntityTypeKey.create(Market.Command.class, "Market");
    /** The role of nodes that host markets. */
    public static final String ROLE = "market";

    private MarketSharding() {
    }

    /** Starts sharding of markets on {@code system}; markets open their mechanisms from {@code host}. */
    public static void init(ActorSystem<?> system, PluginHost host) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> Market.sharded(ctx.getEntityId(), host)).withRole(ROLE));
    }

    /** A reference to market {@code marketId}, wherever it lives. */
    public static EntityRef<Market.Command> market(ActorSystem<?> system, String marketId) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, marketId);
    }
}
