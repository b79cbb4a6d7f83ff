package dev.lectern.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What both services' contract tests check of a served OpenAPI document: that it is the committed contract
 * (docs/openapi/, which the web app's client is generated from), that every operation is ready for a frontend,
 * and that Redocly's recommended rules pass on it. Each service's tests fetch their own document and ask here.
 */
public final class OpenApiContract {

    /** The Redocly CLI the lint runs, through npx. */
    public static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern OPERATION_ID = Pattern.compile("(?m)^\\s+operationId: (\\S+)$");

    private OpenApiContract() {
    }

    /** The committed contract of {@code service}, from its module's directory. */
    public static Path committed(String service) {
        return Path.of("..", "docs", "openapi", service + ".yaml");
    }

    /** The command that rewrites {@code service}'s committed contract from what it serves. */
    public static String regenerate(String service) {
        return "./mvnw -B -q -pl " + service + " -am verify -Dtest=OpenApiContractTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dlectern.openapi.write=true";
    }

    /**
     * How {@code served} differs from the committed contract, with the command to rewrite it; null when they are
     * the same. With {@code -Dlectern.openapi.write=true} the served document is written first.
     */
    public static String differenceFromCommitted(String service, String served) throws IOException {
        Path file = committed(service);
        if (Boolean.getBoolean("lectern.openapi.write")) {
            Files.writeString(file, served);
        }
        String contract = Files.exists(file) ? Files.readString(file) : "";
        if (contract.equals(served)) {
            return null;
        }
        List<String> a = contract.lines().toList();
        List<String> b = served.lines().toList();
        int line = 0;
        while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
            line++;
        }
        return "The API changed: " + file.normalize() + " is not what the service serves (first difference at line "
                + (line + 1) + ": committed `" + (line < a.size() ? a.get(line) : "<end>") + "`, served `"
                + (line < b.size() ? b.get(line) : "<end>") + "`). If the change is meant, rewrite the contract with\n  "
                + regenerate(service) + "\nand commit it with the change (the web app's client is generated from it).";
    }

    /**
     * What keeps the document's operations under /api from being ready for a frontend: a camelCase operationId
     * unique across both services (the other's committed contract), a summary, x-lectern-roles with the matching
     * security, a 4xx response, and problem+json for every 4xx and 5xx. Empty when every operation is ready.
     */
    @SuppressWarnings("unchecked")
    public static List<String> operationProblems(Map<String, Map<String, Object>> paths, String otherService) throws IOException {
        Set<String> elsewhere = operationIds(committed(otherService));
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method) || !path.startsWith("/api/")) {
                return;
            }
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
        if (ids.isEmpty()) {
            problems.add("no operations under /api");
        }
        return problems;
    }

    /** Whether npx is on the PATH, so that {@link #lint} can run. */
    public static boolean npxPresent() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "npx")));
    }

    /** Runs Redocly's recommended rules on {@code service}'s committed contract; null when it passes, else its output. */
    public static String lint(String service) throws IOException, InterruptedException {
        Path contract = committed(service);
        if (!Files.exists(contract)) {
            return contract + " is missing; see OpenApiContractTest";
        }
        Process process = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--extends=recommended", contract.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return "redocly did not finish in 5 minutes";
        }
        System.out.println(output);
        return process.exitValue() == 0 ? null : "redocly lint found errors in " + contract + ":\n" + output;
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
