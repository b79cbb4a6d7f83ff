package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The served OpenAPI document is the committed contract (docs/openapi/), which the web app's client is
 * generated from, and is ready for a frontend: every operation has an operationId, a summary, its security
 * and who may call it, and its problem responses. Run with -Dlectern.openapi.write=true to rewrite the file.
 */
@QuarkusTest
class OpenApiContractTest {

    static final String SERVICE = "submission-service";
    static final String OTHER = "review-service";
    static final String REGENERATE = "./mvnw -B -q -pl " + SERVICE + " -am verify -Dtest=OpenApiContractTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dlectern.openapi.write=true";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern OPERATION_ID = Pattern.compile("(?m)^\\s+operationId: (\\S+)$");

    static Path committed(String service) {
        return Path.of("..", "docs", "openapi", service + ".yaml");
    }

    @Test
    void theServedDocumentIsTheCommittedContract() throws IOException {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("lectern.openapi.write")) {
            Files.writeString(committed(SERVICE), served);
        }
        String contract = Files.exists(committed(SERVICE)) ? Files.readString(committed(SERVICE)) : "";
        if (!contract.equals(served)) {
            List<String> a = contract.lines().toList();
            List<String> b = served.lines().toList();
            int line = 0;
            while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
                line++;
            }
            fail("The API changed: " + committed(SERVICE).normalize() + " is not what the service serves (first difference at line "
                    + (line + 1) + ": committed `" + (line < a.size() ? a.get(line) : "<end>") + "`, served `"
                    + (line < b.size() ? b.get(line) : "<end>") + "`). If the change is meant, rewrite the contract with\n  "
                    + REGENERATE + "\nand commit it with the change (the web app's client is generated from it).");
        }
    }

    @Test
    void everyOperationIsReadyForAFrontend() throws IOException {
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Apache-2.0", document.getString("info.license.name"));
        assertFalse(document.getList("servers.url").isEmpty(), "no servers entry");
        assertEquals("bearer", document.getString("components.securitySchemes.jwt.scheme"));
        Set<String> elsewhere = operationIds(committed(OTHER));
        Set<String> ids = new HashSet<>();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> problems = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method) || !path.startsWith("/api/")) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) value;
            String name = method.toUpperCase() + " " + path;
            Object id = operation.get("operationId");
            if (!(id instanceof String text) || !text.matches("[a-z][a-zA-Z0-9]+")) {
                problems.add(name + ": no camelCase operationId");
            } else if (!ids.add(text) || elsewhere.contains(text)) {
                problems.add(name + ": operationId " + text + " is not unique across both services");
            }
            if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                problems.add(name + ": no summary");
            }
            Object roles = operation.get("x-lectern-roles");
            Object security = operation.get("security");
            if (!(roles instanceof List<?> list)) {
                problems.add(name + ": no x-lectern-roles (@Extension(name = ProblemResponses.ROLES, ...))");
            } else if (list.isEmpty() ? !List.of().equals(security) : !List.of(Map.of("jwt", List.of())).equals(security)) {
                problems.add(name + ": security " + security + " does not match x-lectern-roles " + list);
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                problems.add(name + ": no 4xx response");
            }
            responses.forEach((code, response) -> {
                if (code.matches("[45]\\d\\d") && !(response.get("content") instanceof Map<?, ?> content
                        && content.containsKey("application/problem+json"))) {
                    problems.add(name + ": " + code + " is not application/problem+json");
                }
            });
        }));
        assertFalse(ids.isEmpty(), "no operations under /api");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Set<String> operationIds(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.exists(file)) {
            Matcher matcher = OPERATION_ID.matcher(Files.readString(file));
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }
}
