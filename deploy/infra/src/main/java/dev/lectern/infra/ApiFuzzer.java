package dev.lectern.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Sends generated requests to every operation of a service's OpenAPI document, with hostile values in every
 * path and query parameter, body field and a few headers (NUL, lone surrogates, huge and negative numbers,
 * wrong types, very long and odd Unicode text, empty, null, arrays for objects, malformed Accept-Language,
 * junk If-Match, a Content-Type that does not match the body), as each of the given callers. It records every
 * answer that is a 5xx, and every 4xx that is not application/problem+json with {@code type}, {@code title}
 * and {@code status}. Runs for a fixed time from a fixed seed: the same seed replays the same requests in the
 * same order (the answers may differ as the database fills).
 */
public final class ApiFuzzer {

    /** Where the marker stands, the JSON text gets a lone surrogate escape (a generator cannot write one). */
    private static final String SURROGATE = "\u0001lone-surrogate\u0001";
    private static final String SURROGATE_JSON = "\\u0001lone-surrogate\\u0001";

    private static final List<String> HOSTILE_TEXT = List.of("", " ", "\u0000", "a\u0000b", SURROGATE,
            "x" + SURROGATE + "y", "x".repeat(10_000), "长".repeat(3_000), "🀄️💥🧨", "\u202Eevil\u202C", "\uFEFF\u200B",
            "' OR '1'='1", "'; DROP TABLE proposal; --", "../../etc/passwd", "%00", "%", "null", "-1", "NaN",
            "<script>alert(1)</script>", "=HYPERLINK(\"http://evil\")", "2026-13-45T99:99:99Z", "\r\n", "\\");
    private static final List<String> HOSTILE_NUMBERS = List.of("0", "-1", "-2147483649", "2147483648",
            "9223372036854775808", "1" + "0".repeat(90), "1e308", "-1e308", "2.5", "-0.0", "1E-400");
    private static final List<String> ACCEPT_LANGUAGES = List.of("zh;q=1.5", "*;q=abc", "zh;q=", ";;;,,",
            "x".repeat(300), "zh-CN;q=0.9;q=0.8", "en", "zh");
    private static final List<String> IF_MATCH = List.of("junk", "\"x' OR 1=1\"", "*", "W/\"1\"", "\"-1\"",
            "\"99999999999999999999\"", "\"\"", "\"1\", \"2\"");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/json; charset=latin-1", "garbage", "multipart/form-data; boundary=x", "application/x-ndjson",
            "text/csv");

    /** An operation of the document, with what it takes. */
    record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {
        String name() {
            return method + " " + path;
        }
    }

    private final URI base;
    private final long seed;
    private final Duration budget;
    private final Map<String, String> callers;
    private final Map<String, List<String>> known;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private JsonNode document;
    private Random random;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> sent = new LinkedHashMap<>();

    /**
     * @param callers Authorization header values by name (a null value sends none)
     * @param known   values that exist, by parameter name ({@code event}: a slug, {@code id}: a proposal id), so
     *                some requests get past the lookups to the code behind them
     */
    public ApiFuzzer(URI base, long seed, Duration budget, Map<String, String> callers, Map<String, List<String>> known) {
        this.base = base;
        this.seed = seed;
        this.budget = budget;
        this.callers = callers;
        this.known = known;
    }

    /** Runs for the budget; answers what went wrong, one line each (empty when nothing did). */
    public List<String> run() throws IOException, InterruptedException {
        System.out.println("ApiFuzzer " + base + " seed " + seed + " (replay: -Dlectern.fuzz.seed=" + seed + ")");
        random = new Random(seed);
        document = json.readTree(send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET().build()).body());
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException("no operation in " + base + "/q/openapi");
        }
        List<String> names = new ArrayList<>(callers.keySet());
        long deadline = System.nanoTime() + budget.toNanos();
        int requests = 0;
        while (System.nanoTime() < deadline && failures.size() < 30) {
            for (Operation operation : operations) {
                String caller = names.get(random.nextInt(names.size()));
                check(operation, caller, request(operation, callers.get(caller)));
                requests++;
            }
        }
        System.out.println("ApiFuzzer sent " + requests + " requests to " + operations.size() + " operations, "
                + failures.size() + " failures, seed " + seed);
        return failures;
    }

    /** How many requests each operation got (every operation gets one per round). */
    public Map<String, Integer> sent() {
        return sent;
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                method.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                JsonNode content = resolve(method.getValue().path("requestBody")).path("content");
                JsonNode body = content.path("application/json").path("schema");
                if (body.isMissingNode() && content.fields().hasNext()) {
                    body = JsonNodeFactory.instance.objectNode().put("type", "string");
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters,
                        body.isMissingNode() ? null : body));
            }
        }
        return operations;
    }

    private HttpRequest request(Operation operation, String authorization) {
        StringBuilder url = new StringBuilder();
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encode(pathValue(name, schema)));
            } else if (in.equals("query") && random.nextInt(3) > 0) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(name)).append('=').append(encode(plainValue(name, schema)));
            }
        }
        if (random.nextInt(20) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append(encode(pick(HOSTILE_TEXT))).append('=').append(encode(pick(HOSTILE_TEXT)));
        }
        url.append(path).append(query);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(url.toString())).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (random.nextInt(4) == 0) {
            request.header("Accept-Language", pick(ACCEPT_LANGUAGES));
        }
        if (random.nextInt(4) == 0) {
            request.header("If-Match", pick(IF_MATCH));
        }
        if (random.nextInt(8) == 0) {
            request.header("Idempotency-Key", pick(List.of("", "x".repeat(500), "'; DROP TABLE proposal; --", UUID.randomUUID().toString())));
        }
        String body = operation.bodySchema() == null ? (random.nextInt(10) == 0 ? "{}" : null) : body(operation.bodySchema());
        if (body != null) {
            int choice = random.nextInt(10);
            request.header("Content-Type", choice == 0 ? pick(CONTENT_TYPES) : "application/json");
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8));
        return request.method(operation.method(), publisher).build();
    }

    private void check(Operation operation, String caller, HttpRequest request) throws IOException, InterruptedException {
        sent.merge(operation.name(), 1, Integer::sum);
        HttpResponse<String> answer;
        try {
            answer = send(request);
        } catch (IOException e) {
            failures.add(operation.name() + " as " + caller + ": " + request.method() + " " + request.uri() + " -> no answer: " + e);
            return;
        }
        int status = answer.statusCode();
        String what = operation.name() + " as " + caller + ": " + request.method() + " " + request.uri() + " -> " + status;
        if (status >= 500) {
            failures.add(what + " " + excerpt(answer.body()));
            return;
        }
        if (status >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(what + " with Content-Type '" + type + "': " + excerpt(answer.body()));
                return;
            }
            try {
                JsonNode problem = json.readTree(answer.body());
                if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                        || problem.path("status").asInt() != status) {
                    failures.add(what + " without type, title and status: " + excerpt(answer.body()));
                }
            } catch (IOException e) {
                failures.add(what + " with a body that is not JSON: " + excerpt(answer.body()));
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- values ----------------------------------------------------------------------------------------

    private String pathValue(String name, JsonNode schema) {
        int choice = random.nextInt(10);
        if (choice < 4 && known.containsKey(name)) {
            return pick(known.get(name));
        }
        if (choice < 6) {
            return plausible(name, schema);
        }
        return pick(HOSTILE_TEXT).isEmpty() ? "%00" : pick(HOSTILE_TEXT);
    }

    private String plainValue(String name, JsonNode schema) {
        int choice = random.nextInt(10);
        if (choice < 3 && known.containsKey(name)) {
            return pick(known.get(name));
        }
        if (choice < 5) {
            return plausible(name, schema);
        }
        return random.nextBoolean() ? pick(HOSTILE_TEXT) : pick(HOSTILE_NUMBERS);
    }

    private String plausible(String name, JsonNode schema) {
        JsonNode node = valid(schema, 0);
        return node.isTextual() ? node.asText() : node.toString();
    }

    private String body(JsonNode schema) {
        int choice = random.nextInt(20);
        String text = switch (choice) {
            case 0 -> pick(List.of("", "{", "[]", "null", "\"text\"", "123", "{}{}", "{\"a\":1}garbage", "\u0000"));
            case 1 -> "[" + json(valid(schema, 0)) + "]";
            default -> json(mutate(valid(schema, 0), 0));
        };
        return text.replace(SURROGATE_JSON, "\\ud800");
    }

    private String json(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value the schema accepts, as far as a schema can say. */
    private JsonNode valid(JsonNode schema, int depth) {
        schema = resolve(schema);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (String combination : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.path(combination).isArray() && !schema.path(combination).isEmpty()) {
                return valid(schema.path(combination).get(0), depth);
            }
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
        switch (type) {
            case "string":
                return switch (schema.path("format").asText()) {
                    case "uuid" -> nodes.textNode(known.containsKey("id") && random.nextBoolean()
                            ? pick(known.get("id")) : UUID.randomUUID().toString());
                    case "date-time" -> nodes.textNode("2030-01-01T00:00:00Z");
                    case "date" -> nodes.textNode("2030-01-01");
                    case "email" -> nodes.textNode("fuzz@example.com");
                    default -> nodes.textNode("fuzz");
                };
            case "integer":
                return nodes.numberNode(schema.path("minimum").asLong(1));
            case "number":
                return nodes.numberNode(schema.path("minimum").asDouble(1));
            case "boolean":
                return nodes.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = nodes.arrayNode();
                if (depth < 4) {
                    array.add(valid(schema.path("items"), depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = nodes.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(property ->
                            object.set(property.getKey(), valid(property.getValue(), depth + 1)));
                    if (schema.path("additionalProperties").isObject()) {
                        object.set("fuzz", valid(schema.path("additionalProperties"), depth + 1));
                    }
                }
                return object;
            }
        }
    }

    /** The value with one or more hostile changes somewhere inside it. */
    private JsonNode mutate(JsonNode value, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isObject() && !value.isEmpty() && random.nextInt(4) > 0) {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            List<String> names = new ArrayList<>();
            copy.fieldNames().forEachRemaining(names::add);
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                String name = pick(names);
                copy.set(name, mutate(copy.get(name), depth + 1));
            }
            if (random.nextInt(10) == 0) {
                copy.put(pick(HOSTILE_TEXT), "extra");
            }
            return copy;
        }
        if (value.isArray() && !value.isEmpty() && random.nextInt(4) > 0) {
            ArrayNode copy = ((ArrayNode) value).deepCopy();
            copy.set(0, mutate(copy.get(0), depth + 1));
            if (random.nextInt(5) == 0) {
                for (int i = 0; i < 200; i++) {
                    copy.add(copy.get(0));
                }
            }
            return copy;
        }
        return switch (random.nextInt(6)) {
            case 0 -> nodes.textNode(pick(HOSTILE_TEXT));
            case 1 -> number(pick(HOSTILE_NUMBERS));
            case 2 -> nodes.nullNode();
            case 3 -> pick(List.of(nodes.booleanNode(true), nodes.arrayNode(), nodes.objectNode(),
                    nodes.arrayNode().add(value), nodes.objectNode().set("value", value)));
            case 4 -> value.isTextual() ? nodes.textNode(value.asText() + pick(HOSTILE_TEXT)) : nodes.textNode(value.toString());
            default -> value.isNumber() ? number(pick(HOSTILE_NUMBERS)) : nodes.textNode(pick(HOSTILE_TEXT));
        };
    }

    private JsonNode number(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private JsonNode resolve(JsonNode node) {
        Set<String> seen = new LinkedHashSet<>();
        while (node != null && node.has("$ref") && seen.add(node.path("$ref").asText())) {
            String ref = node.path("$ref").asText();
            node = document.at(ref.substring(1));
        }
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Percent-encodes UTF-8, with a lone surrogate as the bytes a lenient encoder would make of it. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        String value = text.replace(SURROGATE, "\uD800");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))) {
                out.append("%ED%A0%80");
            } else {
                int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static String excerpt(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
