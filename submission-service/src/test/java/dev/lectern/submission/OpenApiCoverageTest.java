package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document and the service agree: every documented operation is served, every JAX-RS route
 * of the service is documented, and every operation documents its problem responses. Framework
 * endpoints under /q (health, metrics, the document itself) are not part of the API and are left out.
 */
@QuarkusTest
class OpenApiCoverageTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static JsonPath document() {
        return given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
    }

    /** "GET /api/events/{event}" for every operation of the document. */
    private static Set<String> documented(JsonPath document) {
        Set<String> operations = new TreeSet<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** The same, from the resource classes the service was compiled with, by reflection. */
    private static Set<String> served() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, OpenApiCoverageTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = httpMethod(method);
                    if (http == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    operations.add(http + " " + join(root.value(), sub == null ? "" : sub.value()));
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins class and method paths as JAX-RS does, dropping any regular expression in a template. */
    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Test
    void everyRouteTheServiceServesIsDocumentedAndNothingElse() throws IOException {
        Set<String> served = served();
        assertFalse(served.isEmpty(), "no resource classes found under target/classes");
        assertTrue(served.contains("GET /api/events/{event}/proposals"), served.toString());
        Set<String> documented = documented(document());
        documented.removeIf(operation -> operation.contains(" /q/"));
        assertEquals(served, documented);
    }

    @Test
    void everyDocumentedOperationIsRouted() {
        for (String operation : documented(document())) {
            String[] parts = operation.split(" ", 2);
            String path = parts[1].replace("{event}", "no-such-event").replace("{id}", java.util.UUID.randomUUID().toString());
            int status = given().header("Authorization", Fixtures.organizer()).contentType("application/json").body("{}")
                    .when().request(parts[0], path).then().extract().statusCode();
            // Unknown ids and bad bodies are fine; a route that does not exist for this method, or a crash, is not.
            assertTrue(status != 405 && status < 500, operation + " answered " + status);
            if (status == 404) {
                assertEquals("not-found", given().header("Authorization", Fixtures.organizer())
                        .contentType("application/json").body("{}").when().request(parts[0], path)
                        .then().extract().path("code"), operation);
            }
        }
    }

    @Test
    void everyOperationDocumentsItsProblems() {
        JsonPath document = document();
        for (String operation : documented(document)) {
            if (operation.contains(" /q/")) {
                continue;
            }
            String[] parts = operation.split(" ", 2);
            Map<String, Object> responses = document.getMap("paths.'" + parts[1] + "'." + parts[0].toLowerCase() + ".responses");
            assertTrue(responses.containsKey("500"), operation + " documents no 500");
            // The public list of events takes no input and needs no token: it has no 4xx to document.
            if (!operation.equals("GET /api/events")) {
                assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("4")), operation + " documents no 4xx");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) responses.get("500")).get("content");
            assertTrue(content.containsKey("application/problem+json"), operation);
        }
        assertEquals(Set.of("412", "428", "409"), Set.copyOf(document.getMap("paths.'/api/proposals/{id}'.put.responses")
                .keySet().stream().filter(code -> code.equals("412") || code.equals("428") || code.equals("409")).toList()));
    }
}
