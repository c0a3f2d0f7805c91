package io.agora.wire;

import java.util.List;

/**
 * The cluster as one node sees it.
 *
 * @param self    this node's address (pekko://agora-gateway@HOST:PORT)
 * @param members every member with its status (up, leaving, down, ...) and roles, as this node knows them
 * @param markets the markets running on this node now
 */
public record ClusterView(String self, List<Member> members, List<String> markets) {
    /** Copies the lists. */
    public ClusterView {
        members = List.copyOf(members);
        markets = List.copyOf(markets);
    }

    /**
     * A member of the cluster.
     *
     * @param address its address
     * @param status  its status, in lower case
     * @param roles   its roles (markets live on members with {@code market})
     */
    public record Member(String address, String status, List<String> roles) {
    }
}
