package dev.lectern.review;

import dev.lectern.infra.TestInfrastructure;
import dev.lectern.review.review.ReviewerRefs;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings, reviewers, assignment, reviews and progress over real PostgreSQL and Kafka. */
@QuarkusTest
class ReviewFlowTest {

    static String organizer() {
        return "Bearer " + TestInfrastructure.tokens().mint("organizer@lectern.test", List.of("organizer"));
    }

    static String reviewerToken(String subject, String slug) {
        return "Bearer " + TestInfrastructure.tokens().mint(subject, List.of("reviewer:" + slug));
    }

    /** The reference the reviewer with this subject knows the proposal by in this event. */
    static String ref(String slug, String subject, String proposal) {
        String reviewerId = given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/reviewers")
                .then().statusCode(200).extract().path("find { it.subject == '" + subject + "' }.id");
        return Arc.container().instance(ReviewerRefs.class).get()
                .of(UUID.fromString(reviewerId), UUID.fromString(proposal)).toString();
    }

    static String newSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> settings(int reviewsPerProposal, String phase, OffsetDateTime dueAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "criteria", List.of(
                        Map.of("key", "relevance", "name", Map.of("en", "Relevance", "zh", "相关性"), "weight", 2, "min", 1, "max", 5),
                        Map.of("key", "clarity", "name", Map.of("en", "Clarity", "zh", "清晰度"), "weight", 1, "min", 1, "max", 5)),
                "reviewsPerProposal", reviewsPerProposal,
                "phase", phase));
        if (dueAt != null) {
            body.put("dueAt", dueAt.toString());
        }
        return body;
    }

    /** Waits for the event to arrive from Kafka, then sets its review settings. */
    static void setUpEvent(String slug, int reviewsPerProposal, OffsetDateTime dueAt) {
        Stream.event(slug, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).contentType("application/json")
                        .body(settings(reviewsPerProposal, "OPEN", dueAt))
                        .when().put("/api/events/" + slug + "/review-settings")
                        .then().statusCode(200));
    }

    static String addReviewer(String slug, String subject, String name, String affiliation, List<String> tracks,
                              int max, List<String> conflicts) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("subject", subject);
        body.put("name", name);
        body.put("email", subject);
        body.put("affiliation", affiliation);
        body.put("tracks", tracks);
        body.put("maxAssignments", max);
        body.put("conflicts", conflicts);
        return given().header("Authorization", organizer()).contentType("application/json").body(body)
                .when().post("/api/events/" + slug + "/reviewers")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, String> speaker(String name, String email, String affiliation) {
        return Map.of("name", name, "email", email, "affiliation", affiliation);
    }

    static void awaitProposals(String slug, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/proposals")
                        .then().statusCode(200).body("size()", equalTo(count)));
    }

    static void awaitVersion(String slug, String id, int version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/proposals/" + id)
                        .then().statusCode(200).body("version", equalTo(version)));
    }

    static Map<String, Object> review(int relevance, int clarity, int confidence) {
        return Map.of("scores", Map.of("relevance", relevance, "clarity", clarity), "comment", "Clear and useful.",
                "confidence", confidence);
    }

    /** Every response a reviewer can get, as raw JSON, for the blindness checks. */
    static List<String> everythingAReviewerSees(String subject, String slug, String unassignedProposal) {
        String token = reviewerToken(subject, slug);
        List<String> seen = new ArrayList<>();
        String mine = given().header("Authorization", token).when().get("/api/me/assignments")
                .then().statusCode(200).extract().asString();
        seen.add(mine);
        List<String> ids = given().header("Authorization", token).when().get("/api/me/assignments")
                .then().extract().path("proposal.id");
        for (String id : ids) {
            seen.add(given().header("Authorization", token).when().get("/api/me/assignments/" + id)
                    .then().statusCode(200).extract().asString());
            seen.add(given().header("Authorization", token).header("Accept-Language", "zh").contentType("application/json")
                    .body(Map.of("scores", Map.of("relevance", 9), "confidence", 3))
                    .when().put("/api/me/reviews/" + id).then().statusCode(400).extract().asString());
            seen.add(given().header("Authorization", token).contentType("application/json").body(review(4, 5, 3))
                    .when().put("/api/me/reviews/" + id).then().statusCode(200).extract().asString());
        }
        seen.add(given().header("Authorization", token).when().get("/api/me/assignments?event=" + slug)
                .then().statusCode(200).extract().asString());
        seen.add(given().header("Authorization", token).when().get("/api/me/progress")
                .then().statusCode(200).extract().asString());
        seen.add(given().header("Authorization", token).when().get("/api/me/assignments/" + unassignedProposal)
                .then().statusCode(404).extract().asString());
        seen.add(given().header("Authorization", token).contentType("application/json").body(review(4, 5, 3))
                .when().put("/api/me/reviews/" + unassignedProposal).then().statusCode(404).extract().asString());
        seen.add(given().header("Authorization", token).when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(403).extract().asString());
        seen.add(given().header("Authorization", token).when().get("/api/events/" + slug + "/progress")
                .then().statusCode(403).extract().asString());
        return seen;
    }

    static void assertNoIdentity(List<String> responses, List<String> identities) {
        for (String response : responses) {
            String lower = response.toLowerCase(Locale.ROOT);
            for (String identity : identities) {
                assertFalse(lower.contains(identity.toLowerCase(Locale.ROOT)),
                        "a reviewer's response names '" + identity + "': " + response);
            }
        }
    }

    @Test
    void reviewersNeverSeeWhoTheSpeakersAreNotAfterRedactionNorAfterTheSpeakerEdits() {
        String slug = newSlug("blind");
        setUpEvent(slug, 2, OffsetDateTime.now().plusDays(7));
        String r1 = "r1-" + slug + "@reviewers.test";
        String r2 = "r2-" + slug + "@reviewers.test";
        String r3 = "r3-" + slug + "@reviewers.test";
        String r1Id = addReviewer(slug, r1, "Reviewer One", "Example Tech", List.of("ospo-experience"), 10, List.of());
        addReviewer(slug, r2, "Reviewer Two", "示例科技", List.of("compliance-legal"), 10, List.of());
        addReviewer(slug, r3, "Reviewer Three", "Neutral University", List.of(), 10, List.of("rival@speaker.test"));

        String p1 = UUID.randomUUID().toString();
        String p2 = UUID.randomUUID().toString();
        String p3 = UUID.randomUUID().toString();
        String outside = UUID.randomUUID().toString();
        Stream.proposal("submitted", p1, slug, 1, "SUBMITTED", "How Han Meimei built an OSPO at Example Tech Co., Ltd.",
                "ospo-experience", List.of(speaker("Han Meimei", "meimei@speaker.test", "Example Tech Co., Ltd.")));
        Stream.proposal("submitted", p2, slug, 1, "SUBMITTED", "示例科技 的开源合规之路",
                "compliance-legal", List.of(speaker("李雷", "lilei@speaker.test", "示例科技有限公司")));
        Stream.proposal("submitted", p3, slug, 1, "SUBMITTED", "Community building at scale",
                "ospo-experience", List.of(speaker("Zhang Wei", "rival@speaker.test", "Unrelated Org")));
        String other = newSlug("other");
        Stream.event(other, 1);
        Stream.proposal("submitted", outside, other, 1, "SUBMITTED", "Elsewhere", "ospo-experience",
                List.of(speaker("Outsider", "outsider@speaker.test", "Outside Org")));
        awaitProposals(slug, 3);

        ValidatableResponse run = given().header("Authorization", organizer())
                .when().post("/api/events/" + slug + "/assignments").then().statusCode(200)
                .body("created", equalTo(6)).body("unsatisfied", hasSize(0));
        List<Map<String, Object>> assignments = given().header("Authorization", organizer())
                .when().get("/api/events/" + slug + "/assignments").then().statusCode(200).extract().path("$");
        assertEquals(6, assignments.size());
        for (Map<String, Object> a : assignments) {
            assertFalse(a.get("proposalId").equals(p1) && a.get("reviewerId").equals(r1Id), "conflict by affiliation: " + a);
        }
        assertTrue(run.extract().path("loads.load").equals(List.of(2, 2, 2)), run.extract().asString());

        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/identity-flags")
                .then().statusCode(200).body("blind", equalTo(true))
                .body("flags.proposalId", hasItem(p1)).body("flags.proposalId", hasItem(p2))
                .body("flags.size()", equalTo(2));

        List<String> identities = List.of("Han Meimei", "Meimei", "meimei@speaker.test", "Example Tech", "李雷",
                "lilei@", "示例科技", "Zhang Wei", "rival@", "Unrelated Org", "speaker.test");
        List<String> seen = new ArrayList<>();
        for (String reviewer : List.of(r1, r2, r3)) {
            seen.addAll(everythingAReviewerSees(reviewer, slug, outside));
        }
        assertNoIdentity(seen, identities);

        // The organizer redacts p1's text; reviewers see the redacted copy, the original is unchanged.
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("title", "How a speaker built an OSPO at a technology company",
                        "abstract", "How we built an OSPO."))
                .when().put("/api/events/" + slug + "/proposals/" + p1 + "/redaction")
                .then().statusCode(200).body("remainingMatches", hasSize(0));
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/proposals/" + p1)
                .then().body("title", equalTo("How Han Meimei built an OSPO at Example Tech Co., Ltd."));
        String p1Reviewer = assignments.stream().filter(a -> a.get("proposalId").equals(p1))
                .map(a -> (String) a.get("reviewerId")).findFirst().orElseThrow();
        String p1ReviewerSubject = given().header("Authorization", organizer())
                .when().get("/api/events/" + slug + "/reviewers/" + p1Reviewer).then().extract().path("subject");
        given().header("Authorization", reviewerToken(p1ReviewerSubject, slug))
                .when().get("/api/me/assignments/" + ref(slug, p1ReviewerSubject, p1))
                .then().statusCode(200).body("proposal.title", equalTo("How a speaker built an OSPO at a technology company"));
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/identity-flags")
                .then().body("flags.proposalId", hasItem(p2)).body("flags.size()", equalTo(1));

        // The speakers edit after assignment: new names, places and text arrive as new versions.
        Stream.proposal("updated", p1, slug, 2, "SUBMITTED", "Han Meimei, now at New Place GmbH",
                "ospo-experience", List.of(speaker("Han Meimei", "meimei@speaker.test", "New Place GmbH")));
        Stream.proposal("updated", p2, slug, 2, "SUBMITTED", "李雷 与 韩梅梅 在新地方科技有限公司的分享",
                "compliance-legal", List.of(speaker("李雷", "lilei@speaker.test", "新地方科技"),
                        speaker("韩梅梅", "hanmeimei@speaker.test", "示例科技")));
        awaitVersion(slug, p1, 2);
        awaitVersion(slug, p2, 2);

        List<String> after = new ArrayList<>();
        for (String reviewer : List.of(r1, r2, r3)) {
            after.addAll(everythingAReviewerSees(reviewer, slug, outside));
        }
        List<String> more = new ArrayList<>(identities);
        more.addAll(List.of("New Place", "新地方科技", "韩梅梅", "hanmeimei@"));
        assertNoIdentity(after, more);
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/identity-flags")
                .then().body("flags.find { it.proposalId == '" + p1 + "' }.redactionStale", equalTo(true));

        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/progress")
                .then().statusCode(200).body("assigned", equalTo(6)).body("done", equalTo(6))
                .body("missing", equalTo(0)).body("overdue", equalTo(0));
    }

    @Test
    void aWithdrawnProposalLeavesThePoolAndItsReviewsAreKept() {
        String slug = newSlug("withdraw");
        setUpEvent(slug, 1, null);
        String subject = "rw-" + slug + "@reviewers.test";
        addReviewer(slug, subject, "Reviewer", "Neutral", List.of(), 5, List.of());
        String id = UUID.randomUUID().toString();
        List<Map<String, String>> speakers = List.of(speaker("Speaker", "s@speaker.test", "Somewhere"));
        Stream.proposal("submitted", id, slug, 1, "SUBMITTED", "A talk", "ospo-experience", speakers);
        awaitProposals(slug, 1);
        given().header("Authorization", organizer()).when().post("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("created", equalTo(1));
        given().header("Authorization", reviewerToken(subject, slug)).contentType("application/json").body(review(3, 3, 2))
                .when().put("/api/me/reviews/" + ref(slug, subject, id)).then().statusCode(200).body("weightedScore", equalTo(3.0f));

        Stream.proposal("withdrawn", id, slug, 2, "WITHDRAWN", "A talk", "ospo-experience", speakers);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/assignments")
                        .then().statusCode(200).body("size()", equalTo(0)));
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/assignments?includeCancelled=true")
                .then().body("[0].status", equalTo("CANCELLED")).body("[0].cancelReason", equalTo("WITHDRAWN"));
        given().header("Authorization", reviewerToken(subject, slug)).when().get("/api/me/assignments")
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", reviewerToken(subject, slug)).contentType("application/json").body(review(4, 4, 2))
                .when().put("/api/me/reviews/" + ref(slug, subject, id)).then().statusCode(404);
        // The reviewer's review stays on record: they cannot be removed as if they had written none.
        String reviewerId = given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/reviewers")
                .then().extract().path("[0].id");
        given().header("Authorization", organizer()).when().delete("/api/events/" + slug + "/reviewers/" + reviewerId)
                .then().statusCode(409).body("code", equalTo("reviewer-has-reviews"));
        // Re-running assignment does not bring the withdrawn proposal back.
        given().header("Authorization", organizer()).when().post("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("created", equalTo(0)).body("proposalsInPool", equalTo(0));
    }

    @Test
    void reviewSettingsAreValidatedFieldByFieldInTheCallersLanguage() {
        String slug = newSlug("settings");
        setUpEvent(slug, 3, null);
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/review-settings")
                .then().statusCode(200).body("blind", equalTo(true)).body("phase", equalTo("OPEN"))
                .body("criteria[0].name.zh", equalTo("相关性"));
        given().header("Authorization", organizer()).header("Accept-Language", "zh").contentType("application/json")
                .body(Map.of("criteria", List.of(
                                Map.of("key", "a", "name", Map.of("en", "A"), "weight", 1, "min", 5, "max", 1),
                                Map.of("key", "a", "name", Map.of("en", "B"), "weight", 1, "min", 1, "max", 5)),
                        "reviewsPerProposal", 3))
                .when().put("/api/events/" + slug + "/review-settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("criteria[0].max", "criteria[1].key")))
                .body("errors[0].message", equalTo("必须大于 min"));
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("key", "Bad Key", "name", Map.of("en", "A"), "weight", -1, "min", 1, "max", 5)),
                        "phase", "SOMETIMES"))
                .when().put("/api/events/" + slug + "/review-settings")
                .then().log().ifValidationFails().statusCode(400).body("errors.field", hasItem("phase"));
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("key", "Bad Key", "name", Map.of("en", "A"), "weight", -1, "min", 1, "max", 5))))
                .when().put("/api/events/" + slug + "/review-settings")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("criteria[0].key", "criteria[0].weight", "reviewsPerProposal")));
        given().header("Authorization", reviewerToken("x@reviewers.test", slug)).when().get("/api/events/" + slug + "/review-settings")
                .then().statusCode(403);
        given().header("Authorization", organizer()).when().get("/api/events/nope-" + slug + "/review-settings")
                .then().statusCode(404);
    }

    @Test
    void handAssignmentAppliesTheSameConflictChecksAndMaximums() {
        String slug = newSlug("manual");
        setUpEvent(slug, 2, null);
        String same = addReviewer(slug, "same-" + slug + "@reviewers.test", "Same Org", "EXAMPLE TECH INC", List.of(), 5, List.of());
        String declared = addReviewer(slug, "decl-" + slug + "@reviewers.test", "Declared", "Elsewhere", List.of(), 5,
                List.of("Example Tech Co., Ltd."));
        String small = addReviewer(slug, "small-" + slug + "@reviewers.test", "Small", "Elsewhere", List.of(), 1, List.of());
        String id = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        Stream.proposal("submitted", id, slug, 1, "SUBMITTED", "A talk", "ospo-experience",
                List.of(speaker("Speaker", "s@speaker.test", "Example Tech")));
        Stream.proposal("submitted", second, slug, 1, "SUBMITTED", "Another talk", "ospo-experience",
                List.of(speaker("Other", "o@speaker.test", "Other")));
        awaitProposals(slug, 2);

        for (String conflicted : List.of(same, declared)) {
            given().header("Authorization", organizer()).contentType("application/json")
                    .body(Map.of("proposalId", id, "reviewerId", conflicted))
                    .when().post("/api/events/" + slug + "/assignments/manual")
                    .then().statusCode(409).body("code", equalTo("conflict-of-interest"));
        }
        String assignment = given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("proposalId", id, "reviewerId", small))
                .when().post("/api/events/" + slug + "/assignments/manual")
                .then().statusCode(201).body("origin", equalTo("MANUAL")).extract().path("id");
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("proposalId", id, "reviewerId", small))
                .when().post("/api/events/" + slug + "/assignments/manual").then().statusCode(409)
                .body("code", equalTo("already-assigned"));
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("proposalId", second, "reviewerId", small))
                .when().post("/api/events/" + slug + "/assignments/manual").then().statusCode(409)
                .body("code", equalTo("reviewer-full"));

        // Automatic assignment cannot fill the conflicted proposal and says why.
        given().header("Authorization", organizer()).when().post("/api/events/" + slug + "/assignments")
                .then().statusCode(200)
                .body("unsatisfied.find { it.proposalId == '" + id + "' }.missing", equalTo(1))
                .body("unsatisfied.find { it.proposalId == '" + id + "' }.reason", equalTo("ALL_CONFLICTED"));

        given().header("Authorization", organizer()).when().delete("/api/events/" + slug + "/assignments/" + assignment)
                .then().statusCode(204);
        given().header("Authorization", reviewerToken("small-" + slug + "@reviewers.test", slug))
                .when().get("/api/me/assignments/" + ref(slug, "small-" + slug + "@reviewers.test", id)).then().statusCode(404);
    }

    @Test
    void reviewsScoreEveryCriterionWithinRangeAndCloseWithThePhase() {
        String slug = newSlug("reviews");
        setUpEvent(slug, 1, OffsetDateTime.now().minusDays(1));
        String subject = "rv-" + slug + "@reviewers.test";
        addReviewer(slug, subject, "Reviewer", "Neutral", List.of(), 5, List.of());
        String id = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        Stream.proposal("submitted", id, slug, 1, "SUBMITTED", "A talk", "ospo-experience",
                List.of(speaker("Speaker", "s@speaker.test", "Somewhere")));
        Stream.proposal("submitted", second, slug, 1, "SUBMITTED", "Another talk", "ospo-experience",
                List.of(speaker("Speaker", "s2@speaker.test", "Somewhere")));
        awaitProposals(slug, 2);
        given().header("Authorization", organizer()).when().post("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("created", equalTo(2));
        String token = reviewerToken(subject, slug);
        String ref = ref(slug, subject, id);

        given().header("Authorization", token).contentType("application/json")
                .body(Map.of("scores", Map.of("relevance", 6, "extra", 1), "confidence", 6))
                .when().put("/api/me/reviews/" + ref).then().statusCode(400)
                .body("errors.field", hasItem("confidence"));
        given().header("Authorization", token).contentType("application/json")
                .body(Map.of("scores", Map.of("relevance", 6, "extra", 1), "confidence", 3))
                .when().put("/api/me/reviews/" + ref).then().statusCode(400)
                .body("errors.field", equalTo(List.of("scores.relevance", "scores.clarity", "scores.extra")))
                .body("errors.code", equalTo(List.of("out-of-range", "required", "unknown-criterion")));
        given().header("Authorization", token).contentType("application/json")
                .body(Map.of("scores", Map.of("relevance", 3.5, "clarity", 2), "confidence", 3))
                .when().put("/api/me/reviews/" + ref).then().statusCode(400)
                .body("errors[0].code", equalTo("not-integer"));
        given().header("Authorization", token).contentType("application/json").body(review(4, 5, 4))
                .when().put("/api/me/reviews/" + ref).then().statusCode(200)
                .body("weightedScore", equalTo(4.3333f)).body("scores.relevance", equalTo(4));
        given().header("Authorization", token).contentType("application/json").body(review(2, 2, 4))
                .when().put("/api/me/reviews/" + ref).then().statusCode(200).body("weightedScore", equalTo(2.0f));
        given().header("Authorization", token).when().get("/api/me/assignments/" + ref)
                .then().body("review.scores.clarity", equalTo(2)).body("criteria.size()", equalTo(2));

        // Overdue: the due date passed with one review missing.
        given().header("Authorization", organizer()).when().get("/api/events/" + slug + "/progress")
                .then().statusCode(200).body("assigned", equalTo(2)).body("done", equalTo(1))
                .body("missing", equalTo(1)).body("overdue", equalTo(1))
                .body("reviewers[0].overdue", equalTo(1)).body("proposalsFullyReviewed", equalTo(1));
        given().header("Authorization", token).when().get("/api/me/progress")
                .then().statusCode(200).body("[0].overdue", equalTo(1));

        // Someone else, or a role without review rights, sees nothing.
        given().header("Authorization", reviewerToken("stranger@reviewers.test", slug)).contentType("application/json")
                .body(review(3, 3, 3)).when().put("/api/me/reviews/" + ref).then().statusCode(404);
        given().header("Authorization", reviewerToken(subject, "another-event")).when().get("/api/me/assignments")
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", "Bearer " + TestInfrastructure.tokens().mint(subject, List.of("speaker")))
                .when().get("/api/me/assignments").then().statusCode(403);

        given().header("Authorization", organizer()).contentType("application/json")
                .body(settings(1, "CLOSED", null))
                .when().put("/api/events/" + slug + "/review-settings").then().statusCode(200);
        given().header("Authorization", token).contentType("application/json").body(review(5, 5, 5))
                .when().put("/api/me/reviews/" + ref).then().statusCode(409).body("code", equalTo("review-phase-closed"));
        // Keys and ranges are locked once reviews exist.
        Map<String, Object> changed = settings(1, "OPEN", null);
        changed.put("criteria", List.of(Map.of("key", "relevance", "name", Map.of("en", "Relevance"), "weight", 1, "min", 0, "max", 10)));
        given().header("Authorization", organizer()).contentType("application/json").body(changed)
                .when().put("/api/events/" + slug + "/review-settings").then().statusCode(409)
                .body("code", equalTo("criteria-locked"));
    }
}
