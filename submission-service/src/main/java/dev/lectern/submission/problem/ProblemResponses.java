package dev.lectern.submission.problem;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.Problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Documents the problems each operation can answer with, in one table, so the OpenAPI document lists
 * every error a frontend has to handle. Rules that follow from an operation's shape (a body can be
 * malformed or too large, a path id can be unknown) apply everywhere; the rest is per operation.
 */
public class ProblemResponses implements OASFilter {

    /** Operations anyone may call without a token. */
    private static final Set<String> PUBLIC = Set.of("GET /api/events", "GET /api/events/{event}");

    /** Refusals that depend on what an operation does, not on its shape. */
    private static final Map<String, List<Integer>> SPECIFIC = Map.ofEntries(
            Map.entry("POST /api/events", List.of(403, 409)),
            Map.entry("PUT /api/events/{event}", List.of(403)),
            Map.entry("POST /api/events/{event}/proposals", List.of(403, 409, 422)),
            Map.entry("GET /api/events/{event}/proposals", List.of(403)),
            Map.entry("GET /api/events/{event}/proposals/counts", List.of(403)),
            Map.entry("PUT /api/proposals/{id}", List.of(409, 412, 428)),
            Map.entry("POST /api/proposals/{id}/submit", List.of(400, 409)),
            Map.entry("POST /api/proposals/{id}/withdraw", List.of(409)),
            Map.entry("POST /api/proposals/{id}/confirm", List.of(409)),
            Map.entry("POST /api/proposals/{id}/decline", List.of(409)),
            Map.entry("POST /api/events/{event}/imports", List.of(403, 415)),
            Map.entry("GET /api/events/{event}/imports", List.of(403)),
            Map.entry("GET /api/events/{event}/imports/{id}", List.of(403)));

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(400, "Bad input: invalid JSON, unknown fields, wrong types or fields that need fixing (see errors)"),
            Map.entry(401, "No valid bearer token"),
            Map.entry(403, "The caller's role does not allow this"),
            Map.entry(404, "Nothing here, or not the caller's to see"),
            Map.entry(409, "Not possible now: the proposal's status does not allow the step, the CFP is closed, or the slug is taken"),
            Map.entry(412, "If-Match names an older version; read the proposal again"),
            Map.entry(413, "The body is larger than the service accepts"),
            Map.entry(415, "The body is not application/json"),
            Map.entry(422, "The Idempotency-Key was used before with a different body"),
            Map.entry(428, "If-Match is missing"),
            Map.entry(500, "Unexpected failure; nothing the caller sent was at fault"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        openAPI.setComponents(components);
        components.addSchema("FieldError", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", string("JSON path of the field, e.g. speakers[1].email; $ for the whole body"))
                .addProperty("code", string("Stable machine-readable reason, e.g. required, size, unknown-field"))
                .addProperty("message", string("What to fix, in the caller's language")));
        components.addSchema("Problem", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details, in English or Chinese by Accept-Language")
                .addProperty("type", string("URI of the problem type"))
                .addProperty("title", string("Short summary in the caller's language"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", string("Explanation in the caller's language"))
                .addProperty("instance", string("The request path"))
                .addProperty("code", string("Stable machine-readable problem code, e.g. validation-failed, cfp-closed"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().forEach((method, operation) -> document(method.name() + " " + path, item, operation));
        });
    }

    private static void document(String key, PathItem item, Operation operation) {
        Set<Integer> statuses = new TreeSet<>(SPECIFIC.getOrDefault(key, List.of()));
        statuses.add(500);
        if (!PUBLIC.contains(key)) {
            statuses.add(401);
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of(400, 413, 415));
        }
        List<Parameter> parameters = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            statuses.add(404);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
            statuses.add(400);
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        for (int status : statuses) {
            String code = String.valueOf(status);
            if (!operation.getResponses().hasAPIResponse(code)) {
                operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse()
                        .description(DESCRIPTIONS.get(status))
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/Problem")))));
            }
        }
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
