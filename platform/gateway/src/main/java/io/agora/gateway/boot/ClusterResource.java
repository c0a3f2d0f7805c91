package io.agora.gateway.boot;

import io.agora.gateway.web.Caller;
import io.agora.runtime.market.MarketSharding;
import io.agora.wire.ClusterView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.pekko.cluster.typed.Cluster;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/admin/cluster}: the nodes, and which markets this node runs (for operators scaling out). */
@Path("/api/admin/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class ClusterResource {
    private final Platform platform;
    private final Caller caller;
    private final SecurityIdentity identity;

    ClusterResource(Platform platform, Caller caller, SecurityIdentity identity) {
        this.platform = platform;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "The cluster as this node sees it: its members with their status and roles, and the markets running here")
    @APIResponse(responseCode = "200", description = "The cluster", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClusterView.class)))
    public Uni<ClusterView> cluster() {
        caller.admit(identity);
        Cluster cluster = Cluster.get(platform.system());
        List<ClusterView.Member> members = new ArrayList<>();
        cluster.state().getMembers().forEach(m -> members.add(new ClusterView.Member(m.address().toString(),
                m.status().toString().toLowerCase(Locale.ROOT), List.copyOf(m.getRoles()))));
        return Uni.createFrom().completionStage(MarketSharding.hostedHere(platform.system(), platform.askTimeout()))
                .map(ids -> new ClusterView(cluster.selfMember().address().toString(), members, List.copyOf(ids)));
    }
}
