package dev.lectern.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.lectern.infra.Traceparents;
import dev.lectern.infra.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across both services as processes, and back. With tracing on in both, exporting to a collector of the
 * test's own: a submission's trace reaches review-service; each published decision carries the publish request's
 * trace; and an accepted speaker's decline, a request to submission-service, reaches review-service on
 * {@code cfp.proposals}, promotes the waitlisted proposal there, and comes back on {@code cfp.decisions} to be
 * applied. Every message on that way carries the decline's trace, and both services export spans of it.
 */
class TracingRoundIT {

    static final String OSPO = "ospo-experience";

    static Stack stack;
    static ServiceProcess submission;
    static ServiceProcess review;
    static HttpServer collector;
    /** The OTLP/HTTP export requests the collector received, as their protobuf bytes. */
    static final List<byte[]> exports = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                exports.add(body.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        stack = Stack.get();
        submission = stack.submission(tracing).start();
        review = stack.review(tracing).start();
    }

    @AfterAll
    static void stop() {
        submission.stop();
        review.stop();
        collector.stop(0);
    }

    @Test
    void aDeclineGoesThroughBothServicesAndBackInOneTrace() {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reviewApi(organizer).contentType(ContentType.JSON).body(Api.reviewSettings())
                        .put("/api/events/" + slug + "/review-settings").then().statusCode(200));
        List<String> reviewers = new ArrayList<>();
        for (int r = 1; r <= 2; r++) {
            String subject = "reviewer" + r + "-" + slug + "@reviewers.test";
            reviewApi(organizer).contentType(ContentType.JSON)
                    .body(Map.of("subject", subject, "name", "Reviewer " + r, "email", subject,
                            "affiliation", "Reviewing University " + r, "tracks", List.of(OSPO),
                            "maxAssignments", 5, "conflicts", List.of()))
                    .post("/api/events/" + slug + "/reviewers").then().statusCode(201);
            reviewers.add(subject);
        }

        // Three proposals; the first is submitted in a trace of the caller's.
        String submitted = Traceparents.random();
        List<String> ids = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = "speaker" + i + "-" + slug + "@speakers.test";
            var request = given().baseUri(submission.baseUrl()).header("Authorization", stack.bearer(email, "speaker"))
                    .contentType(ContentType.JSON)
                    .body(Api.talk("Traced talk #" + i, OSPO, "Speaker " + i, email, "Speaker Company " + i));
            if (i == 0) {
                request.header("traceparent", submitted);
            }
            ids.add(request.post("/api/events/" + slug + "/proposals").then().statusCode(201).extract().path("id"));
            speakers.add(email);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                reviewApi(organizer).get("/api/events/" + slug + "/proposals").then().statusCode(200).body("", hasSize(3)));

        // Reviewed: the i-th is scored 20 - i by both reviewers; one place, so #0 is accepted and #1 waitlisted.
        reviewApi(organizer).post("/api/events/" + slug + "/assignments").then().statusCode(200)
                .body("unsatisfied", hasSize(0));
        for (String subject : reviewers) {
            String token = stack.bearer(subject, "reviewer");
            List<Map<String, String>> assigned = reviewApi(token).get("/api/me/assignments").then().statusCode(200)
                    .extract().path("proposal");
            for (Map<String, String> proposal : assigned) {
                int score = 20 - Integer.parseInt(proposal.get("title").substring("Traced talk #".length()));
                reviewApi(token).contentType(ContentType.JSON)
                        .body(Map.of("scores", Map.of("content", score, "clarity", score), "comment", "Useful.",
                                "confidence", 4))
                        .put("/api/me/reviews/" + proposal.get("id")).then().statusCode(200);
            }
        }
        reviewApi(organizer).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("tracks", Map.of(OSPO, 1)), "key", "raw"))
                .post("/api/events/" + slug + "/selection").then().statusCode(200);
        String publishRequest = Traceparents.random();
        reviewApi(organizer).header("traceparent", publishRequest).post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(3));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals("ACCEPTED", status(ids.get(0), speakers.get(0)));
            assertEquals("WAITLISTED", status(ids.get(1), speakers.get(1)));
        });

        // The accepted speaker declines; review-service promotes #1, and submission-service applies it.
        String decline = Traceparents.random();
        given().baseUri(submission.baseUrl()).header("Authorization", stack.bearer(speakers.get(0), "speaker"))
                .header("traceparent", decline).post("/api/proposals/" + ids.get(0) + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertEquals("ACCEPTED", status(ids.get(1), speakers.get(1))));

        String bootstrap = stack.kafka.bootstrapServers();
        List<ConsumerRecord<String, String>> first = Topics.read(bootstrap, "cfp.proposals", Set.of(ids.get(0)),
                r -> r.size() >= 3, Duration.ofSeconds(30));
        assertEquals(List.of("submitted", "decision-applied", "declined"), first.stream().map(TracingRoundIT::change).toList());
        assertEquals(Traceparents.traceId(submitted), Traceparents.traceId(Topics.header(first.get(0), "ce_traceparent")));
        assertEquals(Traceparents.traceId(decline), Traceparents.traceId(Topics.header(first.get(2), "ce_traceparent")));
        List<ConsumerRecord<String, String>> decisions = Topics.read(bootstrap, "cfp.decisions", Set.copyOf(ids),
                r -> r.size() >= 4, Duration.ofSeconds(30));
        for (String id : ids) {
            ConsumerRecord<String, String> published = decisions.stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow();
            assertEquals(Traceparents.traceId(publishRequest), Traceparents.traceId(Topics.header(published, "ce_traceparent")), id);
        }
        ConsumerRecord<String, String> promotion = decisions.stream().filter(r -> r.key().equals(ids.get(1)))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("dev.lectern.proposal.accepted.v1", Topics.header(promotion, "ce_type"));
        assertEquals(Traceparents.traceId(decline), Traceparents.traceId(Topics.header(promotion, "ce_traceparent")));
        List<ConsumerRecord<String, String>> second = Topics.read(bootstrap, "cfp.proposals", Set.of(ids.get(1)),
                r -> r.size() >= 3, Duration.ofSeconds(30));
        assertEquals("decision-applied", change(second.get(2)));
        assertEquals(Traceparents.traceId(decline), Traceparents.traceId(Topics.header(second.get(2), "ce_traceparent")));

        // Each service exported spans of the submission's and of the decline's trace.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String service : List.of("submission-service", "review-service")) {
                assertTrue(exported(service, Traceparents.traceId(submitted)), service + " exported a span of the submission's trace");
                assertTrue(exported(service, Traceparents.traceId(decline)), service + " exported a span of the decline's trace");
            }
        });
    }

    /** Whether one export request of {@code service} holds a span of the trace: its id's 16 bytes, as protobuf sends them. */
    static boolean exported(String service, String traceId) {
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        byte[] trace = HexFormat.of().parseHex(traceId);
        return exports.stream().anyMatch(body -> contains(body, name) && contains(body, trace));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A proposal message's change, from its ce_type (dev.lectern.proposal.<change>.v1). */
    static String change(ConsumerRecord<String, String> record) {
        String type = Topics.header(record, "ce_type");
        return type.substring("dev.lectern.proposal.".length(), type.length() - ".v1".length());
    }

    static RequestSpecification reviewApi(String token) {
        return given().baseUri(review.baseUrl()).header("Authorization", token);
    }

    static String status(String id, String speakerEmail) {
        return given().baseUri(submission.baseUrl()).header("Authorization", stack.bearer(speakerEmail, "speaker"))
                .get("/api/proposals/" + id).then().statusCode(200).extract().path("status");
    }
}
