package dev.lectern.platform.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Documents who may call each operation and the problems it can answer with, so a frontend generated
 * from the OpenAPI document knows which calls need a bearer token and every error it has to handle.
 *
 * <p>Who may call an operation is its {@code x-lectern-roles} extension (an {@code @Extension} beside its
 * {@code @Operation}): the {@code groups} claim values that grant it, {@code authenticated} for any valid
 * token whose caller the object then decides on (a proposal's own speakers), an empty list for a public
 * operation. An operation with roles gets the bearer scheme as its {@code security}, a public one an explicit
 * empty {@code security}. Problems that follow from an operation's shape (a body can be malformed or too large,
 * a path id unknown, a token missing) apply everywhere; the service's subclass names the rest, by operationId.
 * This class is the same in both services: only the subclass differs.
 */
public abstract class ProblemResponses implements OASFilter {

    /** The extension naming who may call an operation. */
    public static final String ROLES = "x-lectern-roles";
    /** The bearer scheme of both services (quarkus.smallrye-openapi.security-scheme-name). */
    public static final String SCHEME = "jwt";

    private final Map<String, List<Integer>> specific;
    private final Set<Integer> everywhere;
    private final Map<Integer, String> descriptions;

    /** What a status means in any Lectern service; a service adds its own and may say one more precisely. */
    private static final Map<Integer, String> COMMON = Map.ofEntries(
            Map.entry(400, "Bad input: invalid JSON, unknown fields, wrong types or fields that need fixing (see errors)"),
            Map.entry(401, "No valid bearer token"),
            Map.entry(403, "The caller's role does not allow this"),
            Map.entry(404, "Nothing here, or not the caller's to see"),
            Map.entry(413, "The body is larger than the service accepts"),
            Map.entry(415, "The body is not application/json"),
            Map.entry(429, "Too many requests from this client; retry after the Retry-After seconds"),
            Map.entry(500, "Unexpected failure; nothing the caller sent was at fault"));

    /**
     * @param specific     per operationId, the refusals that depend on what it does, not on its shape
     * @param everywhere   statuses any operation of the service can answer with (500, a rate limit)
     * @param descriptions what the service's own statuses mean (409, 412...), and any it says more precisely
     */
    protected ProblemResponses(Map<String, List<Integer>> specific, Set<Integer> everywhere,
                               Map<Integer, String> descriptions) {
        this.specific = specific;
        this.everywhere = everywhere;
        Map<Integer, String> merged = new java.util.HashMap<>(COMMON);
        merged.putAll(descriptions);
        this.descriptions = Map.copyOf(merged);
    }

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
            item.getOperations().forEach((method, operation) -> document(item, operation));
        });
    }

    private void document(PathItem item, Operation operation) {
        List<String> roles = roles(operation);
        boolean open = roles != null && roles.isEmpty();
        secure(operation, roles);

        Set<Integer> statuses = new TreeSet<>(everywhere);
        statuses.addAll(specific.getOrDefault(operation.getOperationId(), List.of()));
        if (!open) {
            statuses.add(401);
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of(400, 413, 415));
        }
        List<Parameter> parameters = new ArrayList<>();
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
            // A response the framework added without a body (Bean Validation's 400) is a problem too.
            APIResponse existing = operation.getResponses().getAPIResponse(code);
            if (existing == null || existing.getContent() == null) {
                operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse()
                        .description(descriptions.get(status))
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/Problem")))));
            }
        }
    }

    /** The bearer scheme unless the operation is public, and who may call it said in its description. */
    private static void secure(Operation operation, List<String> roles) {
        String who;
        if (roles != null && roles.isEmpty()) {
            operation.setSecurity(new ArrayList<>());
            who = "Public: no token needed.";
        } else {
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME))));
            who = roles == null || roles.equals(List.of("authenticated"))
                    ? "Needs a bearer token."
                    : "Needs a bearer token whose groups include " + String.join(" or ", roles.stream()
                            .filter(role -> !role.equals("authenticated")).map(role -> "`" + role + "`").toList())
                      + (roles.contains("authenticated") ? ", or any signed-in caller the object allows" : "") + ".";
        }
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? who : description + "\n\n" + who);
    }

    /** The operation's x-lectern-roles, or null if it has none. */
    private static List<String> roles(Operation operation) {
        Object value = operation.getExtensions() == null ? null : operation.getExtensions().get(ROLES);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
