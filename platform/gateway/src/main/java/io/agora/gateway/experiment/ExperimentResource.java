package io.agora.gateway.experiment;

import io.agora.gateway.web.Caller;
import io.agora.gateway.web.Params;
import io.agora.wire.ExperimentView;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Hosted experiments: submit a config, watch its progress, cancel it, fetch its results and plots. The OpenAPI
 * annotations give the operations' own answers; the shared error answers come from io.agora.gateway.web.OpenApiDocument.
 */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@RolesAllowed({"experimenter", "admin"})
public class ExperimentResource {
    private final ExperimentService experiments;
    private static final String JSON = MediaType.APPLICATION_JSON;
    private static final String NOT_AN_ID = "id is not an experiment id (such as e-3b979b0c4f)";
    private static final String NO_EXPERIMENT = "No experiment with this id";
    private static final String NOT_YOURS = "Your role may not do this, or you are neither the experiment's owner nor an admin";
    private static final String ENDED = "The experiment has already ended (finished, failed or cancelled); field status";
    /** The config format of `agora experiment run` (as under plugins/NAME/experiments); the same as JSON is taken too. */
    private static final String EXAMPLE_YAML = """
            name: tiny
            mechanism: affine-maximizer
            params: {lambda: 1.0}
            outcomes: 3
            samples: 2
            rounds: 1
            seed: 1
            population:
              - {name: g, count: 2, strategy: truthful}
            """;
    private static final String EXAMPLE_JSON = "{\"name\": \"tiny\", \"mechanism\": \"affine-maximizer\", \"params\": {\"lambda\": 1.0}, "
            + "\"outcomes\": 3, \"samples\": 2, \"rounds\": 1, \"seed\": 1, "
            + "\"population\": [{\"name\": \"g\", \"count\": 2, \"strategy\": \"truthful\"}]}";
    private static final String CONFIG = "An experiment config, as text: the YAML of `agora experiment run` or the same as "
            + "JSON (a JSON Content-Type reads it as JSON, any other as YAML)";
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
    @APIResponse(responseCode = "202", description = "Accepted and queued; its URL is in Location",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "400", description = "The config is missing or malformed, a field breaks a rule or the cost "
            + "limits (agora.experiments.*); the problem's field names it, such as outcomes or population[0].count")
    @APIResponse(responseCode = "422", description = "The mechanism plugin failed on the config (field mechanism)")
    public Uni<Response> submit(@RequestBody(required = true, description = CONFIG, content = {
            @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "tiny", value = EXAMPLE_YAML)),
            @Content(mediaType = "application/x-yaml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "tiny", value = EXAMPLE_YAML)),
            @Content(mediaType = "text/yaml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "tiny", value = EXAMPLE_YAML)),
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.OBJECT, description = "the YAML config's fields as JSON"),
                    examples = @ExampleObject(name = "tiny", value = EXAMPLE_JSON)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, description = "read as YAML"),
                    examples = @ExampleObject(name = "tiny", value = EXAMPLE_YAML))}) String body,
                                @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType) {
        String format = contentType != null && contentType.contains("json") ? "json" : "yaml";
        return experiments.submit(body, format, caller.admit(identity))
                .map(view -> Response.status(202).entity(view).header("Location", "/api/experiments/" + view.id()).build());
    }

    @GET
    @Operation(summary = "List experiments")
    @APIResponse(responseCode = "200", description = "The experiments",
            content = @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ExperimentView.class)))
    public Uni<List<ExperimentView>> list() {
        caller.admit(identity);
        return experiments.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An experiment's status, progress and result files")
    @APIResponse(responseCode = "200", description = "The experiment", content = @Content(mediaType = JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "400", description = NOT_AN_ID)
    @APIResponse(responseCode = "404", description = NO_EXPERIMENT)
    public Uni<ExperimentView> get(@PathParam("id") String id) {
        caller.admit(identity);
        return experiments.get(Params.id("id", id, "e-"));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel a queued or running experiment (its owner or an admin); the record stays, as cancelled")
    @APIResponse(responseCode = "200", description = "The cancelled experiment", content = @Content(mediaType = JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "400", description = NOT_AN_ID)
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "404", description = NO_EXPERIMENT)
    @APIResponse(responseCode = "409", description = ENDED)
    public Uni<ExperimentView> cancel(@PathParam("id") String id) {
        return experiments.cancel(Params.id("id", id, "e-"), caller.admit(identity), identity.hasRole("admin"));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a queued or running experiment (the same as DELETE, for clients without DELETE)")
    @APIResponse(responseCode = "200", description = "The cancelled experiment", content = @Content(mediaType = JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "400", description = NOT_AN_ID)
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "404", description = NO_EXPERIMENT)
    @APIResponse(responseCode = "409", description = ENDED)
    public Uni<ExperimentView> cancelByPost(@PathParam("id") String id) {
        return cancel(id);
    }

    @GET
    @Path("{id}/files/{name}")
    @Produces({"application/json", "text/csv", "image/png", "application/octet-stream"})
    @Operation(summary = "A result file: summary.json, metrics.csv or a plot")
    @APIResponse(responseCode = "200", description = "The file, with its own Content-Type", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "id is not an experiment id, or name is not a plain file name")
    @APIResponse(responseCode = "404", description = "No experiment with this id, or it has no such file (yet)")
    public Uni<Response> file(@PathParam("id") String id, @PathParam("name") String name) {
        caller.admit(identity);
        return experiments.file(Params.id("id", id, "e-"), Params.fileName("name", name)).map(f -> Response.ok(f.content).type(f.contentType).build());
    }
}
