package io.agora.gateway.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every operation under /api shares in the OpenAPI document (/q/openapi), written once here instead of on each
 * resource method: the problem JSON schema ({@code Problem}, the one error body of the gateway, see
 * {@link ProblemMappers}) and the error answers that do not depend on the operation (authentication, roles, rate
 * limit, the request limits of {@link HttpLimits}, timeouts). The resources' annotations give what does: the success
 * status and body, and the 400/404/409/422 answers with the fields they concern; this filter gives every error answer
 * of an /api operation the problem JSON body, so those annotations need only a description.
 * <p>
 * Registered with {@code mp.openapi.filter} (application.properties): Quarkus runs it once at start-up over the
 * document merged from the annotations and META-INF/openapi.yaml, after its own build-time filters (which add bare
 * 401/403 answers to secured operations; they get a body and a better description here).
 */
public class OpenApiDocument implements OASFilter {
    /** The name of the problem schema in components (also referenced by META-INF/openapi.yaml). */
    static final String PROBLEM = "Problem";
    /** The descriptions Quarkus gives the 401 and 403 it adds itself; replaced by ours. */
    private static final Set<String> GENERIC = Set.of("Not Authorized", "Not Allowed", "");

    /** Error answers any /api operation can give, whatever it does. */
    private static final Map<String, String> EVERY_OPERATION = ordered(
            "401", "No bearer token, or one that is invalid, expired or names no client (WWW-Authenticate: Bearer)",
            "403", "The token's role may not call this operation",
            "414", "The request URI is longer than the gateway takes (agora.http.max-uri, 8192 characters by default)",
            "429", "Rate limit: this client made more requests per second than agora.rate-limit.per-second; retry "
                    + "shortly",
            "431", "The request headers are larger than the gateway takes (agora.http.max-headers, 32 KiB by default)",
            "500", "An unexpected failure; the request changed nothing it did not acknowledge (the cause is logged, "
                    + "never sent)",
            "503", "The platform did not answer in time, or could not store the change; retry");
    /** ... and those any request with a body can give (HttpLimits checks these before the body is read). */
    private static final Map<String, String> WITH_BODY = ordered(
            "411", "A chunked body (no Content-Length) is refused: send the body with a Content-Length",
            "413", "The body is larger than the gateway takes (quarkus.http.limits.max-body-size, 256 KiB by default)");
    /** ... and those of an operation that declares its request body's media types. */
    private static final Map<String, String> TYPED_BODY = ordered(
            "415", "A Content-Type other than the ones this operation takes");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM)) {
            components.addSchema(PROBLEM, problemSchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/") || path.getValue().getOperations() == null) {
                continue;
            }
            path.getValue().getOperations().forEach((method, operation) -> describeErrors(method, operation));
        }
    }

    private static void describeErrors(PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, String> common = new LinkedHashMap<>(EVERY_OPERATION);
        boolean body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        if (body) {
            common.putAll(WITH_BODY);
        }
        if (operation.getRequestBody() != null) {
            common.putAll(TYPED_BODY);
        }
        common.forEach((status, description) -> {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            } else if (existing.getDescription() == null || GENERIC.contains(existing.getDescription())) {
                existing.setDescription(description);
            }
        });
        // Every error answer of the gateway is problem JSON (ProblemMappers), the operation-specific ones included.
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status) && response.getRef() == null && !hasProblemBody(response)) {
                response.setContent(problemContent());
            }
        });
        // Sorted by status, so that each operation reads from success to failure.
        Map<String, APIResponse> sorted = new java.util.TreeMap<>(responses.getAPIResponses());
        responses.setAPIResponses(sorted);
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static boolean hasProblemBody(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaType(ProblemMappers.PROBLEM_JSON) != null;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(ProblemMappers.PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    /** The schema of {@link io.agora.wire.Problem}: RFC 9457 problem details with the field at fault. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error answer (RFC 9457 problem details, application/problem+json)")
                .addProperty("type", string("always about:blank: the status says what kind of error it is"))
                .addProperty("title", string("the status's reason phrase, such as Bad Request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("the HTTP status"))
                .addProperty("detail", string("what went wrong, in words (the rule that was broken)"))
                .addProperty("field", string("the request field at fault, when there is one: a JSON path such as "
                        + "rewards[2], or the name of a parameter or header such as round or Idempotency-Key"))
                .required(List.of("type", "title", "status", "detail"))
                .example(Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                        "detail", "must be in [1, 10000], got 0", "field", "seats"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Map<String, String> ordered(String... statusAndDescription) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < statusAndDescription.length; i += 2) {
            map.put(statusAndDescription[i], statusAndDescription[i + 1]);
        }
        return map;
    }
}
