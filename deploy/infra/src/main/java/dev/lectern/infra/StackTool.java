package dev.lectern.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Small jobs of the {@code ./lectern} command line that are easier in Java than in a shell:
 * {@code await-kafka BOOTSTRAP}, {@code seed KEY_DIR BASE_URL EVENT_JSON [REVIEW_URL [ISSUER]]}, and for the local Keycloak
 * {@code keycloak-java} (prints the JDK 21+ it runs on; exits with 1 when there is none, 2 when
 * {@code LECTERN_KEYCLOAK_JAVA_HOME} names no JDK 21+), {@code keycloak-prepare ZIP DIR KEY_DIR
 * REALM_JSON APP_ORIGIN} (unpacks it, installs the realm with the local signing key, prints Keycloak's home) and
 * {@code demo-users REALM_JSON} (or {@code demo-tokens REALM_JSON}: the token commands for them without Keycloak).
 */
public final class StackTool {

    private StackTool() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "await-kafka" -> KafkaBroker.awaitReady(args[1], Duration.ofSeconds(90), null);
            case "seed" -> seed(Tokens.loadOrCreate(Path.of(args[1])), args.length > 5 ? args[5] : Tokens.ISSUER, args[2],
                    Path.of(args[3]), args.length > 4 ? args[4] : null);
            case "keycloak-java" -> {
                try {
                    java.util.Optional<Path> home = Keycloak.findJavaHome();
                    if (home.isEmpty()) {
                        System.exit(1);
                    }
                    System.out.println(home.get());
                } catch (IllegalStateException e) {
                    System.err.println(e.getMessage());
                    System.exit(2);
                }
            }
            case "keycloak-prepare" -> {
                Path home = Keycloak.unpack(Path.of(args[1]), Path.of(args[2]));
                Keycloak.installRealm(home, Keycloak.realm(Path.of(args[4]), Tokens.loadOrCreate(Path.of(args[3])),
                        List.of(args[5])));
                System.out.println(home);
            }
            case "demo-users" -> Keycloak.demoUsers(Path.of(args[1])).forEach(System.out::println);
            case "demo-tokens" -> Keycloak.demoTokenCommands(Path.of(args[1])).forEach(System.out::println);
            default -> {
                System.err.println("usage: StackTool await-kafka BOOTSTRAP | seed KEY_DIR BASE_URL EVENT_JSON [REVIEW_URL [ISSUER]]"
                        + " | keycloak-java | keycloak-prepare ZIP DIR KEY_DIR REALM_JSON APP_ORIGIN | demo-users REALM_JSON | demo-tokens REALM_JSON");
                System.exit(2);
            }
        }
    }

    /**
     * Creates the demo event from the OSPOCon China 2023 call, with its CFP window moved to open a week
     * ago and close in 30 days, in the event's time zone. The community's requested topics are not
     * part of the event API, so they are left out. With review-service's address, a new event also gets a whole
     * round ({@link DemoRound}, from the {@code .round.json} beside the event's file). Its tokens are minted for
     * {@code issuer} (the local Keycloak's when the stack runs one).
     */
    public static void seed(Tokens tokens, String issuer, String baseUrl, Path eventJson, String reviewUrl)
            throws Exception {
        java.util.function.BinaryOperator<String> mint = (subject, role) -> tokens.mint(issuer, subject, List.of(role));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode event = (ObjectNode) mapper.readTree(eventJson.toFile());
        JsonNode topics = event.remove("topicsRequestedByCommunity");
        ZoneId zone = ZoneId.of(event.get("timeZone").asText());
        OffsetDateTime now = OffsetDateTime.now(zone).truncatedTo(ChronoUnit.SECONDS);
        event.put("cfpOpensAt", now.minusDays(7).toString());
        event.put("cfpClosesAt", now.plusDays(30).withHour(23).withMinute(59).withSecond(59).toString());
        String token = mint.apply("demo-organizer@lectern.local", "organizer");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(event)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String slug = event.get("slug").asText();
        if (response.statusCode() == 201) {
            System.out.println("created demo event " + slug + ": CFP open until " + event.get("cfpClosesAt").asText());
            Path round = eventJson.resolveSibling(eventJson.getFileName().toString().replace(".event.json", ".round.json"));
            if (reviewUrl != null && java.nio.file.Files.exists(round)) {
                new DemoRound(baseUrl, reviewUrl, mint).seed(slug, round);
            }
        } else if (response.statusCode() == 409) {
            System.out.println("demo event " + slug + " already exists");
        } else {
            System.err.println("seeding failed: HTTP " + response.statusCode() + " " + response.body());
            System.exit(1);
        }
        if (topics instanceof ArrayNode list && !list.isEmpty()) {
            System.out.println("community-requested topics (use them as tags): " + list.size());
        }
    }
}
