package dev.lectern.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the curl examples of {@code docs/api.md} in order against the service, so the document stays
 * true. Each {@code sh} block is read the way a shell would (quotes, line continuations, variables);
 * {@code VAR=$(curl ... | jq -r .field)} keeps a field for later commands; {@code # expect NNN} before a
 * command names the status it must get, otherwise any 2xx will do; a {@code json} block right after an
 * {@code sh} block must equal the last response.
 */
@QuarkusTest
class DocumentedExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "api.md");
    private static final String DOC_SLUG = "ospocon-china-2027";
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)^(\\w+)=\\$\\((.*)\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void curlExamplesInTheApiGuideWork() throws IOException {
        // The examples' CFP runs from January to April 2027 in Shanghai; run them in the middle of it.
        clock.set(Instant.parse("2027-02-15T02:00:00Z"));
        String slug = Fixtures.uniqueSlug("docs");
        String text = Files.readString(DOC, StandardCharsets.UTF_8).replace(DOC_SLUG, slug);

        Map<String, String> variables = new HashMap<>();
        variables.put("BASE_URL", "");
        variables.put("ORGANIZER_TOKEN", Fixtures.organizer().substring("Bearer ".length()));
        variables.put("SPEAKER_TOKEN", Fixtures.speaker("lilei@example.com").substring("Bearer ".length()));
        variables.put("CO_SPEAKER_TOKEN", Fixtures.bearerWithEmail("account-hanmeimei", "hanmeimei@example.com", "speaker")
                .substring("Bearer ".length()));

        Matcher fences = FENCE.matcher(text);
        Response last = null;
        boolean lastWasShell = false;
        int commands = 0;
        int examples = 0;
        while (fences.find()) {
            String language = fences.group(1);
            String block = fences.group(2);
            if (language.equals("json")) {
                if (lastWasShell) {
                    JsonNode expected = mapper.readTree(block);
                    JsonNode actual = mapper.readTree(last.asByteArray());
                    assertEquals(expected, actual, "the json block after the last command differs from its answer");
                    examples++;
                }
                lastWasShell = false;
                continue;
            }
            if (!language.equals("sh")) {
                lastWasShell = false;
                continue;
            }
            Integer expectedStatus = null;
            for (String command : commands(block)) {
                if (command.startsWith("#")) {
                    Matcher expect = Pattern.compile("^# expect (\\d{3})").matcher(command);
                    if (expect.find()) {
                        expectedStatus = Integer.parseInt(expect.group(1));
                    }
                    continue;
                }
                String variable = null;
                String jqField = null;
                Matcher assignment = ASSIGNMENT.matcher(command);
                if (assignment.matches()) {
                    variable = assignment.group(1);
                    String[] pipeline = assignment.group(2).split("\\|\\s*jq -r \\.", 2);
                    command = pipeline[0].trim();
                    jqField = pipeline[1].trim();
                }
                last = run(words(command, variables), command);
                commands++;
                String answer = last.asString();
                if (expectedStatus != null) {
                    assertEquals(expectedStatus.intValue(), last.statusCode(), command + "\n" + answer);
                } else {
                    assertTrue(last.statusCode() >= 200 && last.statusCode() < 300, command + "\n-> " + last.statusCode() + " " + answer);
                }
                if (variable != null) {
                    variables.put(variable, last.path(jqField).toString());
                }
                expectedStatus = null;
            }
            lastWasShell = true;
        }
        assertTrue(commands >= 10, "only " + commands + " commands found in " + DOC);
        assertEquals(3, examples, "json answers compared");
    }

    /** Executes one curl command line with REST Assured. */
    private static Response run(List<String> words, String command) {
        assertEquals("curl", words.get(0), command);
        RequestSpecification request = given().urlEncodingEnabled(true);
        String method = null;
        String url = null;
        String body = null;
        boolean query = false;
        List<String> urlEncoded = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    if (header[0].equalsIgnoreCase("Content-Type")) {
                        request.contentType(header[1]);
                    } else {
                        request.header(header[0], header[1]);
                    }
                }
                case "-d", "--data", "--data-raw" -> body = words.get(++i);
                case "--data-urlencode" -> urlEncoded.add(words.get(++i));
                case "-G" -> query = true;
                case "-s", "-S", "-sS", "-i", "-f" -> {
                }
                default -> {
                    assertTrue(word.startsWith("/") || word.startsWith("http"), "unexpected curl argument " + word);
                    url = word;
                }
            }
        }
        for (String pair : urlEncoded) {
            String[] parts = pair.split("=", 2);
            assertTrue(query, "--data-urlencode without -G: " + command);
            request.queryParam(parts[0], parts[1]);
        }
        if (body != null) {
            request.body(body.getBytes(StandardCharsets.UTF_8));
        }
        if (method == null) {
            method = body != null ? "POST" : "GET";
        }
        return request.when().request(method, url).andReturn();
    }

    /** Splits a block into commands and comments: a newline outside quotes ends one, unless escaped. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (quote == 0 && c == '\\' && i + 1 < block.length() && block.charAt(i + 1) == '\n') {
                current.append(' ');
                i++;
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"') && !isComment(current)) {
                quote = c;
            } else if (quote != 0 && c == quote && !(quote == '"' && block.charAt(i - 1) == '\\')) {
                quote = 0;
            }
            if (quote == 0 && c == '\n') {
                if (!current.toString().isBlank()) {
                    commands.add(current.toString().trim());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            commands.add(current.toString().trim());
        }
        return commands;
    }

    private static boolean isComment(StringBuilder current) {
        return current.toString().trim().startsWith("#");
    }

    /** Shell words: single quotes literal, double quotes and bare words with $VARIABLES expanded. */
    static List<String> words(String command, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder();
                int j = i + 1;
                for (; command.charAt(j) != '"'; j++) {
                    if (command.charAt(j) == '\\' && j + 1 < command.length()) {
                        j++;
                    }
                    quoted.append(command.charAt(j));
                }
                word.append(expand(quoted.toString(), variables));
                i = j;
            } else {
                int j = i;
                while (j < command.length() && !Character.isWhitespace(command.charAt(j))
                        && command.charAt(j) != '\'' && command.charAt(j) != '"') {
                    j++;
                }
                word.append(expand(command.substring(i, j), variables));
                i = j - 1;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            assertTrue(value != null, "unknown variable $" + matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
