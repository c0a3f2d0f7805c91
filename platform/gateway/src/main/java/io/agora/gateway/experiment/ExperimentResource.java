package io.agora.gateway.experiment;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.Params;
import io.agora.sdk.wire.ExperimentView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Hosted experiments: submit a config, watch its progress, cancel it, fetch its results and plots. */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@RolesAllowed({"experimenter", "admin"})
public class ExperimentResource {
    private final ExperimentService experiments;
    private final Caller caller;
    private final SecurityIdentity identity;

    ExperimentResource(ExperimentService experiments, Caller caller, SecurityIdentity identity) {
        this.experiments = experiments;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Submit an experiment: the YAML of `agora experiment run`, or the same as JSON")
    public Uni<Response> submit(String body, @HeaderParam("Content-Type") String contentType) {
        String format = contentType != null && contentType.contains("json") ? "json" : "yaml";
        return experiments.submit(body, format, caller.admit(identity))
                .map(view -> Response.status(202).entity(view).header("Location", "/api/experiments/" + view.id()).build());
    }

    @GET
    @Operation(summary = "List experiments")
    public Uni<List<ExperimentView>> list() {
        caller.admit(identity);
        return experiments.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An experiment's status, progress and result files")
    public Uni<ExperimentView> get(@PathParam("id") String id) {
        caller.admit(identity);
        return experiments.get(Params.id("id", id, "e-"));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel a queued or running experiment (its owner or an admin); the record stays, as cancelled")
    public Uni<ExperimentView> cancel(@PathParam("id") String id) {
        return experiments.cancel(Params.id("id", id, "e-"), caller.admit(identity), identity.hasRole("admin"));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a queued or running experiment (the same as DELETE, for clients without DELETE)")
    public Uni<ExperimentView> cancelByPost(@PathParam("id") String id) {
        return cancel(id);
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces({"application/json", "text/csv", "image/png", "application/octet-stream"})
    @Operation(summary = "A result file: summary.json, metrics.csv or a plot")
    public Uni<Response> file(@PathParam("id") String id, @PathParam("name") String name) {
        caller.admit(identity);
        return experiments.file(Params.id("id", id, "e-"), Params.fileName("name", name)).map(f -> Response.ok(f.content).type(f.contentType).build());
    }
}
