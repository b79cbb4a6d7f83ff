package dev.lectern.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

/**
 * An event reviewed to the end, for ranking and selection tests: two tracks, {@code perTrack} proposals in each
 * by distinct speakers, three reviewers, two reviews per proposal. Every reviewer scores the i-th proposal of a
 * track {@code 5 - i} on both criteria, so the raw ranking within a track is the creation order.
 */
record Program(String slug, Map<String, List<String>> ids, List<String> identities,
               Map<String, Map<String, String>> speakers, Map<String, String> titles, Map<String, String> tracks) {

    static final String OSPO = "ospo-experience";
    static final String LEGAL = "compliance-legal";

    static Program reviewed(String prefix, int perTrack, Map<String, String> titles) {
        String slug = ReviewFlowTest.newSlug(prefix);
        ReviewFlowTest.setUpEvent(slug, 2, null);
        List<String> reviewers = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            String subject = "r" + r + "-" + slug + "@reviewers.test";
            ReviewFlowTest.addReviewer(slug, subject, "Reviewer " + r, "Neutral University " + r, List.of(), 10, List.of());
            reviewers.add(subject);
        }
        Map<String, List<String>> ids = new java.util.LinkedHashMap<>();
        List<String> identities = new ArrayList<>();
        Map<String, Integer> scoreOf = new java.util.HashMap<>();
        Map<String, Map<String, String>> speakers = new java.util.HashMap<>();
        Map<String, String> titleOf = new java.util.HashMap<>();
        Map<String, String> trackOf = new java.util.HashMap<>();
        for (String track : List.of(OSPO, LEGAL)) {
            List<String> inTrack = new ArrayList<>();
            for (int i = 0; i < perTrack; i++) {
                String id = UUID.randomUUID().toString();
                String key = track + "#" + i;
                String name = "Speaker " + track.substring(0, 4) + " Number" + i;
                String email = "speaker" + i + "-" + track + "-" + slug + "@speaker.test";
                String affiliation = "Speaker Org " + track.substring(0, 4) + i;
                identities.addAll(List.of(name, email, affiliation));
                speakers.put(id, ReviewFlowTest.speaker(name, email, affiliation));
                titleOf.put(id, titles.getOrDefault(key, "Talk " + key));
                trackOf.put(id, track);
                Stream.proposal("submitted", id, slug, 1, "SUBMITTED", titleOf.get(id), track, List.of(speakers.get(id)));
                inTrack.add(id);
                scoreOf.put(id, Math.max(1, 5 - i));
            }
            ids.put(track, inTrack);
        }
        ReviewFlowTest.awaitProposals(slug, 2 * perTrack);
        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("unsatisfied", hasSize(0));
        for (String subject : reviewers) {
            String token = ReviewFlowTest.reviewerToken(subject, slug);
            List<String> assigned = given().header("Authorization", token).when().get("/api/me/assignments")
                    .then().statusCode(200).extract().path("proposal.id");
            // A reviewer knows each proposal by a reference of their own: which proposal is which, for the score.
            Map<String, String> proposalOf = new java.util.HashMap<>();
            for (String id : scoreOf.keySet()) {
                proposalOf.put(ReviewFlowTest.ref(slug, subject, id), id);
            }
            for (String ref : assigned) {
                int score = scoreOf.get(proposalOf.get(ref));
                given().header("Authorization", token).contentType("application/json")
                        .body(ReviewFlowTest.review(score, score, 3))
                        .when().put("/api/me/reviews/" + ref).then().statusCode(200);
            }
        }
        return new Program(slug, ids, identities, speakers, titleOf, trackOf);
    }

    /** What submission-service announces when the proposal takes a step; returns the message id. */
    String step(String change, String id, long version, String status) {
        return step(java.util.UUID.randomUUID().toString(), change, id, version, status);
    }

    String step(String messageId, String change, String id, long version, String status) {
        return step(messageId, change, id, version, status, Map.of());
    }

    /** A step whose message carries more headers (a trace context, say). */
    String step(String messageId, String change, String id, long version, String status, Map<String, String> headers) {
        return Stream.proposal(messageId, change, id, slug, version, status, titles.get(id), tracks.get(id),
                List.of(speakers.get(id)), headers);
    }
}
