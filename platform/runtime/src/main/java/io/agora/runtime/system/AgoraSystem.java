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
        Map<String, Object> c = new HashMap<>();
        c.put("pekko.actor.provider", "cluster");
        c.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
        c.put("pekko.remote.artery.canonical.port", port);
        c.put("pekko.cluster.roles", roles);
        c.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        c.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        c.put("pekko.coordinated-shutdown.exit-jvm", "off");
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

    private static <T> ActorSystem<T> join(ActorSystem<T> system) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return system;
    }
}
