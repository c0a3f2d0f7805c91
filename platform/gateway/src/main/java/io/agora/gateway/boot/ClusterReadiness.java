package io.agora.gateway.boot;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once this node is an up member of its cluster: before that, markets sharded here cannot start, and a load
 * balancer (or Kubernetes) must not send requests yet.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {
    private final Platform platform;

    ClusterReadiness(Platform platform) {
        this.platform = platform;
    }

    @Override
    public HealthCheckResponse call() {
        Cluster cluster = Cluster.get(platform.system());
        MemberStatus status = cluster.selfMember().status();
        return HealthCheckResponse.named("cluster").status(status == MemberStatus.up())
                .withData("status", status.toString().toLowerCase(java.util.Locale.ROOT))
                .withData("members", java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false).count()).build();
    }
}
