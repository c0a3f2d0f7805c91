package io.agora.runtime.system;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Actor systems of the platform. Hosted experiments run on a local system; markets that bots play are
 * sharded over a Pekko cluster, which by default is a single node in this JVM on loopback (Artery TCP).
 */
public final class AgoraSystem {
    private AgoraSystem() {
    }

    /**
     * The config of a cluster node on 127.0.0.1.
     *
     * @param port  the Artery port; 0 picks a free one
     * @param roles the node's roles (markets live on nodes with {@code market})
     */
    public static Config clusterConfig(int port, List<String> roles) {
        return clusterConfig("127.0.0.1", port, roles);
    }

    /**
     * The config of a cluster node on {@code hostname}. Markets are remembered entities (in distributed data, kept in
     * memory on every node): when a node leaves or is downed, its shards start on the survivors with every market they
     * held, so deadlines keep running without waiting for a request. A node that is SIGKILLed is downed by the
     * split-brain resolver (keep-majority) once the cluster has been stable for {@code pekko.cluster.split-brain-resolver.stable-after}.
     */
    public static Config clusterConfig(String hostname, int port, List<String> roles) {
        Map<String, Object> c = new HashMap<>();
        c.put("pekko.actor.provider", "cluster");
        c.put("pekko.remote.artery.canonical.hostname", hostname);
        c.put("pekko.remote.artery.canonical.port", port);
        c.put("pekko.cluster.roles", roles);
        c.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        c.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        c.put("pekko.coordinated-shutdown.exit-jvm", "off");
        c.put("pekko.cluster.sharding.remember-entities", "on");
        c.put("pekko.cluster.sharding.remember-entities-store", "ddata");
        c.put("pekko.cluster.sharding.distributed-data.durable.keys", List.of());
        return ConfigFactory.parseMap(c).withFallback(ConfigFactory.load());
    }

    /** Starts a cluster node that forms a cluster of its own: the default, single-node deployment. */
    public static <T> ActorSystem<T> singleNode(Behavior<T> guardian, String name, List<String> roles) {
        return join(ActorSystem.create(guardian, name, clusterConfig(0, roles)));
    }

    /**
     * The same, with {@code overrides} on top of the node's config and the classes (serializers, modules) loaded with
     * {@code loader}: for hosts such as the gateway whose class loader is not the system's.
     */
    public static <T> ActorSystem<T> singleNode(Behavior<T> guardian, String name, List<String> roles, Config overrides,
                                                ClassLoader loader) {
        Config config = overrides.withFallback(clusterConfig(0, roles)).withFallback(ConfigFactory.load(loader));
        return join(ActorSystem.create(guardian, name, BootstrapSetup.create(config).withClassloader(loader)));
    }

    /**
     * A node of a cluster of several: on {@code hostname}:{@code port}, joining the seed nodes ({@code host:port} each;
     * the first seed may form the cluster when it finds no other). With no seeds, a cluster of its own, as
     * {@link #singleNode}. {@code overrides} go on top (timeouts, the resolver's stable-after).
     */
    public static <T> ActorSystem<T> node(Behavior<T> guardian, String name, List<String> roles, String hostname, int port,
                                          List<String> seeds, Config overrides, ClassLoader loader) {
        Config config = overrides.withFallback(clusterConfig(hostname, port, roles)).withFallback(ConfigFactory.load(loader));
        ActorSystem<T> system = ActorSystem.create(guardian, name, BootstrapSetup.create(config).withClassloader(loader));
        if (seeds.isEmpty()) {
            return join(system);
        }
        List<org.apache.pekko.actor.Address> addresses = seeds.stream().map(seed -> {
            int colon = seed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a seed node is host:port, got '" + seed + "'");
            }
            return new org.apache.pekko.actor.Address("pekko", name, seed.substring(0, colon), Integer.parseInt(seed.substring(colon + 1)));
        }).toList();
        Cluster.get(system).manager().tell(new org.apache.pekko.cluster.typed.JoinSeedNodes(addresses));
        return system;
    }

    private static <T> ActorSystem<T> join(ActorSystem<T> system) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return system;
    }
}
