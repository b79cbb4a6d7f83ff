package dev.lectern.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The acceptance loop over HTTP and Kafka between two real service processes: proposals submitted, reviewed,
 * ranked, selected against capacity and published; submission-service applies the decisions; an accepted
 * speaker declines, the first waitlisted proposal of that track is accepted, and its speaker confirms.
 */
class AcceptanceLoopIT extends BothServices {

    static final String OSPO = "ospo-experience";
    static final String LEGAL = "compliance-legal";
    static final int PER_TRACK = 10;

    @Test
    void aDeclinedAcceptanceMovesTheWaitlistAndThePromotedSpeakerConfirms() {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        double disagreeingBefore = disagreeing();
        String slug = Api.createEvent(submission.baseUrl(), organizer);

        // The event reaches review-service over Kafka; then it can be given its review settings.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reviewApi(organizer).contentType(ContentType.JSON).body(Api.reviewSettings())
                        .put("/api/events/" + slug + "/review-settings").then().statusCode(200));
        List<String> reviewers = new ArrayList<>();
        for (int r = 1; r <= 4; r++) {
            String subject = "reviewer" + r + "-" + slug + "@reviewers.test";
            reviewApi(organizer).contentType(ContentType.JSON)
                    .body(Map.of("subject", subject, "name", "Reviewer " + r, "email", subject,
                            "affiliation", "Reviewing University " + r, "tracks", List.of(r <= 2 ? OSPO : LEGAL),
                            "maxAssignments", 12, "conflicts", List.of()))
                    .post("/api/events/" + slug + "/reviewers").then().statusCode(201);
            reviewers.add(subject);
        }

        // 20 proposals, 10 per track, each by its own speaker; the i-th of a track is scored 20 - i.
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, String> speakerOf = new HashMap<>();
        Map<String, Integer> scoreOfTitle = new HashMap<>();
        for (String track : List.of(OSPO, LEGAL)) {
            List<String> inTrack = new ArrayList<>();
            for (int i = 0; i < PER_TRACK; i++) {
                String email = "speaker" + i + "-" + track + "-" + slug + "@speakers.test";
                String id = Api.submit(submission.baseUrl(), stack.bearer(email, "speaker"), slug,
                                Api.talk("议题 " + track + " #" + i, track, "Speaker " + track + " " + i, email,
                                        "Speaker Company " + track + " " + i), null)
                        .then().statusCode(201).body("status", equalTo("SUBMITTED")).extract().path("id");
                inTrack.add(id);
                speakerOf.put(id, email);
                scoreOfTitle.put("议题 " + track + " #" + i, 20 - i);
            }
            ids.put(track, inTrack);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                reviewApi(organizer).get("/api/events/" + slug + "/proposals").then().statusCode(200).body("", hasSize(20)));

        reviewApi(organizer).post("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("created", equalTo(40)).body("unsatisfied", hasSize(0));
        for (String subject : reviewers) {
            String token = stack.bearer(subject, "reviewer");
            // Reviewers know proposals by references of their own; the (unique) title says which one it is.
            List<Map<String, String>> assigned = reviewApi(token).get("/api/me/assignments").then().statusCode(200)
                    .extract().path("proposal");
            assertFalse(assigned.isEmpty(), subject + " has assignments");
            for (Map<String, String> proposal : assigned) {
                String id = proposal.get("id");
                int score = scoreOfTitle.get(proposal.get("title"));
                reviewApi(token).contentType(ContentType.JSON)
                        .body(Map.of("scores", Map.of("content", score, "clarity", score), "comment", "Useful.",
                                "confidence", 4))
                        .put("/api/me/reviews/" + id).then().statusCode(200);
            }
        }

        // The raw ranking of each track is the order the scores give.
        for (String track : List.of(OSPO, LEGAL)) {
            String blind = reviewApi(organizer).get("/api/events/" + slug + "/ranking?key=raw&track=" + track)
                    .then().statusCode(200)
                    .body("proposals.proposalId", equalTo(ids.get(track)))
                    .body("proposals.rankInTrack", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
                    .body("proposals.reviewCount", equalTo(List.of(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)))
                    .extract().asString();
            assertFalse(blind.contains("@speakers.test") || blind.contains("Speaker Company"), blind);
        }

        Response selected = reviewApi(organizer).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("tracks", Map.of(OSPO, 3, LEGAL, 3)), "key", "raw"))
                .post("/api/events/" + slug + "/selection");
        selected.then().statusCode(200).body("decisions", hasSize(20));
        Map<String, String> expected = new HashMap<>();
        for (String track : List.of(OSPO, LEGAL)) {
            List<String> inTrack = ids.get(track);
            for (int i = 0; i < PER_TRACK; i++) {
                String outcome = i < 3 ? "ACCEPT" : i < 6 ? "WAITLIST" : "REJECT";
                selected.then().body("decisions.find { it.proposalId == '" + inTrack.get(i) + "' }.outcome",
                        equalTo(outcome));
                expected.put(inTrack.get(i), i < 3 ? "ACCEPTED" : i < 6 ? "WAITLISTED" : "REJECTED");
            }
            selected.then().body("waitlists." + track, equalTo(inTrack.subList(3, 6)));
        }
        reviewApi(organizer).post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(20));
        reviewApi(organizer).post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(0));

        // submission-service applies every decision; each speaker sees theirs.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                assertEquals(entry.getValue(), status(entry.getKey(), speakerOf.get(entry.getKey())), entry.getKey());
            }
        });
        assertEquals(6, expected.values().stream().filter("ACCEPTED"::equals).count());

        // The first accepted OSPO speaker declines; the first on the OSPO waitlist moves up.
        String decliner = ids.get(OSPO).get(0);
        String promoted = ids.get(OSPO).get(3);
        submissionApi(speakerOf.get(decliner)).post("/api/proposals/" + decliner + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertEquals("ACCEPTED", status(promoted, speakerOf.get(promoted))));
        submissionApi(speakerOf.get(promoted)).post("/api/proposals/" + promoted + "/confirm")
                .then().statusCode(200).body("status", equalTo("CONFIRMED"));

        // Only one moved: the rest of the waitlist and the other track are as published.
        assertEquals("WAITLISTED", status(ids.get(OSPO).get(4), speakerOf.get(ids.get(OSPO).get(4))));
        assertEquals("WAITLISTED", status(ids.get(LEGAL).get(3), speakerOf.get(ids.get(LEGAL).get(3))));
        List<ConsumerRecord<String, String>> decisions = Topics.read(stack.kafka.bootstrapServers(), "cfp.decisions",
                Set.of(promoted), r -> r.size() >= 2, Duration.ofSeconds(30));
        assertEquals(List.of("dev.lectern.proposal.waitlisted.v1", "dev.lectern.proposal.accepted.v1"),
                decisions.stream().map(r -> Topics.header(r, "ce_type")).toList());

        // Confirmations are counted per track.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reviewApi(organizer).get("/api/events/" + slug + "/decisions/summary").then().statusCode(200)
                        .body("tracks.find { it.track == '" + OSPO + "' }.accepted", equalTo(2))
                        .body("tracks.find { it.track == '" + OSPO + "' }.confirmed", equalTo(1))
                        .body("tracks.find { it.track == '" + OSPO + "' }.declined", equalTo(1))
                        .body("tracks.find { it.track == '" + OSPO + "' }.waitlisted", equalTo(2))
                        .body("tracks.find { it.track == '" + LEGAL + "' }.accepted", equalTo(3)));

        // Quiet: the two services agree on every proposal of this round, and the metric says so. The stack is shared
        // with the other end-to-end tests, some of which publish refused decisions on purpose: this round adds none.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reviewApi(organizer).get("/api/events/" + slug + "/decisions/disagreements").then().statusCode(200)
                    .body("$", hasSize(0));
            assertEquals(disagreeingBefore, disagreeing(), "lectern_decisions_disagreeing, before this round and now");
        });
    }

    /** What review-service's gauge lectern_decisions_disagreeing reads now. */
    static double disagreeing() {
        String metrics = given().baseUri(review.baseUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        var reading = java.util.regex.Pattern.compile("(?m)^lectern_decisions_disagreeing(?:\\{[^}]*\\})? (\\S+)(?: #.*)?$").matcher(metrics);
        assertTrue(reading.find(), "lectern_decisions_disagreeing is exposed");
        return Double.parseDouble(reading.group(1));
    }

    static io.restassured.specification.RequestSpecification reviewApi(String token) {
        return given().baseUri(review.baseUrl()).header("Authorization", token);
    }

    static io.restassured.specification.RequestSpecification submissionApi(String speakerEmail) {
        return given().baseUri(submission.baseUrl()).header("Authorization", stack.bearer(speakerEmail, "speaker"));
    }

    static String status(String id, String speakerEmail) {
        return submissionApi(speakerEmail).get("/api/proposals/" + id).then().statusCode(200).extract().path("status");
    }
}
