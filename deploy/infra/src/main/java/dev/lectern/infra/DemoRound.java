package dev.lectern.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A whole review round on the demo event, so that every page of the web app has content: the proposals of
 * {@code deploy/demo/*.round.json} (several tracks and formats, Chinese and English, a debate and a panel with
 * co-speakers), review settings, reviewers, an assignment run, and about half of the reviews scored. Each
 * step goes through the services' APIs, as a conference's own organizers and speakers would.
 */
final class DemoRound {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String submissionUrl;
    private final String reviewUrl;
    /** Mints a bearer token for (subject, role). */
    private final BiFunction<String, String, String> tokens;

    DemoRound(String submissionUrl, String reviewUrl, BiFunction<String, String, String> tokens) {
        this.submissionUrl = submissionUrl;
        this.reviewUrl = reviewUrl;
        this.tokens = tokens;
    }

    void seed(String slug, Path roundJson) throws Exception {
        JsonNode round = mapper.readTree(roundJson.toFile());
        String organizer = tokens.apply("demo-organizer@lectern.local", "organizer");
        Map<String, String> idOfTitle = new HashMap<>();
        for (JsonNode proposal : round.get("proposals")) {
            String speaker = proposal.get("speakers").get(0).get("email").asText();
            JsonNode created = call("POST", submissionUrl + "/api/events/" + slug + "/proposals",
                    tokens.apply(speaker, "speaker"), proposal, 201);
            idOfTitle.put(proposal.get("title").asText(), created.get("id").asText());
        }
        System.out.println("  " + idOfTitle.size() + " proposals submitted (three by the demo speakers lilei, sam and hanmeimei)");

        // The event and the proposals reach review-service over Kafka.
        awaitAnswer(() -> call("PUT", reviewUrl + "/api/events/" + slug + "/review-settings", organizer,
                round.get("reviewSettings"), 200));
        awaitAnswer(() -> {
            JsonNode seen = call("GET", reviewUrl + "/api/events/" + slug + "/proposals", organizer, null, 200);
            if (seen.size() < idOfTitle.size()) {
                throw new IllegalStateException("review-service has " + seen.size() + " of " + idOfTitle.size() + " proposals");
            }
            return seen;
        });
        for (JsonNode reviewer : round.get("reviewers")) {
            call("POST", reviewUrl + "/api/events/" + slug + "/reviewers", organizer, reviewer, 201);
        }
        JsonNode assignment = call("POST", reviewUrl + "/api/events/" + slug + "/assignments", organizer, null, 200);
        System.out.println("  " + round.get("reviewers").size() + " reviewers (two of them the demo users zhaolei and emma), "
                + assignment.get("created").asInt() + " assignments");

        int reviews = 0;
        int n = 0;
        for (JsonNode reviewer : round.get("reviewers")) {
            String token = tokens.apply(reviewer.get("subject").asText(), "reviewer");
            for (JsonNode mine : call("GET", reviewUrl + "/api/me/assignments", token, null, 200)) {
                // Every other assignment is scored: the ranking has content, and reviewers still have work.
                if (n++ % 2 == 1) {
                    continue;
                }
                int score = 3 + (mine.get("proposal").get("title").asText().length() % 8);
                Map<String, Object> review = Map.of("scores", Map.of("content", score, "relevance", Math.max(1, score - 2)),
                        "comment", score >= 7 ? "Clear and useful for OSPO practitioners." : "Needs more concrete examples.",
                        "confidence", 3 + score % 3);
                call("PUT", reviewUrl + "/api/me/reviews/" + mine.get("proposal").get("id").asText(), token,
                        mapper.valueToTree(review), 200);
                reviews++;
            }
        }
        System.out.println("  " + reviews + " reviews scored; the organizer can rank, select and publish");
    }

    private interface Call {
        JsonNode run() throws Exception;
    }

    private static JsonNode awaitAnswer(Call call) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                return call.run();
            } catch (IllegalStateException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500); // polling a service that is catching up over Kafka: nothing to wait on but time
            }
        }
    }

    private JsonNode call(String method, String url, String token, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? mapper.nullNode() : mapper.readTree(response.body());
    }
}
