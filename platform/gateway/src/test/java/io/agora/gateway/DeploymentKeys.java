package io.agora.gateway;

import java.util.List;

/**
 * The settings the cluster test gives every gateway node, by name: it builds its nodes from these, and
 * {@code DeployConfigTest} checks that {@code deploy/compose.yaml} and {@code deploy/k8s} name the same ones, so the
 * deployment files cannot drift from what the tests prove.
 */
public final class DeploymentKeys {
    /** Command-line options of every node (the Kubernetes manifests find seeds through the API instead of --seed-nodes). */
    public static final List<String> NODE_OPTIONS = List.of("--db-url", "--db-user", "--cluster-port", "--seed-nodes");
    /** Environment variables of every node. */
    public static final List<String> NODE_ENV = List.of("AGORA_CLUSTER_STABLE_AFTER", "AGORA_DB_PASSWORD", "AGORA_TYPES_KEY");

    private DeploymentKeys() {
    }
}
