package dev.lectern.review;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selection against capacity, publishing once, and the waitlist that moves when an accepted speaker declines. */
@QuarkusTest
class SelectionResourceTest {

    @Inject
    EntityManager em;

    /** One place per track, two waitlist places: per track, accept, waitlist, waitlist, reject. */
    static Map<String, Object> onePlacePerTrack() {
        return Map.of("capacity", Map.of("tracks", Map.of(Program.OSPO, 1, Program.LEGAL, 1)),
                "waitlistLength", 2, "key", "raw");
    }

    static Program selectedAndPublished(String prefix) {
        Program program = Program.reviewed(prefix, 4, Map.of(Program.LEGAL + "#0", RankingResourceTest.FORMULA_TITLE));
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(onePlacePerTrack()).when().post("/api/events/" + program.slug() + "/selection")
                .then().statusCode(200);
        given().header("Authorization", ReviewFlowTest.organizer())
                .when().post("/api/events/" + program.slug() + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(8));
        return program;
    }

    @Test
    void selectionFillsEachTracksPlacesWaitlistsTheNextAndPublishingTwiceSendsNothingNew() {
        Program program = Program.reviewed("select", 4, Map.of(Program.LEGAL + "#0", RankingResourceTest.FORMULA_TITLE));
        String slug = program.slug();
        Response selected = given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(onePlacePerTrack()).when().post("/api/events/" + slug + "/selection");
        selected.then().statusCode(200).body("key", equalTo("raw")).body("decisions", hasSize(8))
                .body("stored.created", equalTo(8))
                .body("tracks." + Program.OSPO + ".accepted", equalTo(1))
                .body("tracks." + Program.OSPO + ".capacity", equalTo(1))
                .body("waitlists." + Program.OSPO, equalTo(program.ids().get(Program.OSPO).subList(1, 3)));
        for (String track : List.of(Program.OSPO, Program.LEGAL)) {
            List<String> ids = program.ids().get(track);
            assertOutcome(selected, ids.get(0), "ACCEPT", null);
            assertOutcome(selected, ids.get(1), "WAITLIST", 1);
            assertOutcome(selected, ids.get(2), "WAITLIST", 2);
            assertOutcome(selected, ids.get(3), "REJECT", null);
        }
        RankingResourceTest.assertNoSpeaker(selected.asString(), program.identities());

        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(8)).body("alreadyPublished", equalTo(0));
        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(0)).body("alreadyPublished", equalTo(8));
        assertEquals(8L, outboxRows(slug));

        String stored = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/selection")
                .then().statusCode(200).body("", hasSize(8)).body("publishedAt", everyItem(notNullValue()))
                .body("find { it.proposalId == '" + program.ids().get(Program.LEGAL).get(1) + "' }.decision",
                        equalTo("WAITLISTED"))
                .extract().asString();
        RankingResourceTest.assertNoSpeaker(stored, program.identities());
        String csv = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/selection?format=csv")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals(9, csv.split("\r\n").length, csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), csv);
        RankingResourceTest.assertNoSpeaker(csv, program.identities());
    }

    @Test
    void aSelectionsRespondByTimeGoesWithItsAcceptancesOnlyAndOneInThePastIsRefused() {
        Program program = Program.reviewed("respond-by", 2, Map.of());
        String slug = program.slug();
        Map<String, Object> past = new java.util.HashMap<>(onePlacePerTrack());
        past.put("respondBy", "2020-03-01T18:00:00+08:00");
        given().header("Authorization", ReviewFlowTest.organizer()).header("Accept-Language", "zh")
                .contentType("application/json").body(past).when().post("/api/events/" + slug + "/selection")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("respondBy")).body("errors[0].code", equalTo("future"))
                .body("errors[0].message", equalTo("必须是将来的时间"));
        String respondBy = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).plusDays(10).withNano(0).toString();
        Map<String, Object> rules = new java.util.HashMap<>(onePlacePerTrack());
        rules.put("respondBy", respondBy);
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(rules).when().post("/api/events/" + slug + "/selection").then().statusCode(200);
        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(4));
        for (String track : List.of(Program.OSPO, Program.LEGAL)) {
            List<String> ids = program.ids().get(track);
            assertEquals(java.time.OffsetDateTime.parse(respondBy).toInstant(),
                    java.time.OffsetDateTime.parse(payload(ids.get(0)).get("respondBy").asText()).toInstant(), "accepted " + ids.get(0));
            assertTrue(payload(ids.get(1)).path("respondBy").isMissingNode(), "a waitlisted decision has no respond-by time");
        }
    }

    private com.fasterxml.jackson.databind.JsonNode payload(String proposalId) {
        Object json = em.createNativeQuery("SELECT CAST(payload AS text) FROM outbox WHERE aggregateid = ?1 ORDER BY seq DESC LIMIT 1")
                .setParameter(1, proposalId).getSingleResult();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void selectionRefusesUnknownTracksAndPinsAndIsTheOrganizersAlone() {
        Program program = Program.reviewed("select-bad", 1, Map.of());
        String slug = program.slug();
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of("nope", 1)),
                        "pins", List.of(Map.of("proposalId", java.util.UUID.randomUUID().toString(), "decision", "ACCEPT"))))
                .when().post("/api/events/" + slug + "/selection")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("capacity.tracks.nope", "pins[0].proposalId")));
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of(Program.OSPO, -1))))
                .when().post("/api/events/" + slug + "/selection").then().statusCode(400);
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of())).when().post("/api/events/" + slug + "/selection")
                .then().statusCode(400).body("errors[0].field", equalTo("capacity"));
        String reviewer = ReviewFlowTest.reviewerToken("r1-" + slug + "@reviewers.test", slug);
        given().header("Authorization", reviewer).contentType("application/json").body(onePlacePerTrack())
                .when().post("/api/events/" + slug + "/selection").then().statusCode(403);
        given().header("Authorization", reviewer).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(403);
        given().header("Authorization", reviewer).when().get("/api/events/" + slug + "/selection").then().statusCode(403);

        // A pin decides by hand; selection works around it.
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of(Program.OSPO, 1, Program.LEGAL, 1)),
                        "pins", List.of(Map.of("proposalId", program.ids().get(Program.OSPO).get(0), "decision", "REJECT"))))
                .when().post("/api/events/" + slug + "/selection").then().statusCode(200)
                .body("decisions.find { it.proposalId == '" + program.ids().get(Program.OSPO).get(0) + "' }.outcome",
                        equalTo("REJECT"))
                .body("decisions.find { it.proposalId == '" + program.ids().get(Program.OSPO).get(0) + "' }.pinned",
                        equalTo(true));
    }

    @Test
    void aDeclinedAcceptancePromotesTheFirstWaitlistedProposalOfItsTrackOnce() {
        Program program = selectedAndPublished("promote");
        String slug = program.slug();
        List<String> ospo = program.ids().get(Program.OSPO);
        List<String> legal = program.ids().get(Program.LEGAL);
        // submission-service applies the decisions, then the accepted OSPO speaker declines.
        program.step("decision-applied", ospo.get(0), 2, "ACCEPTED");
        program.step("decision-applied", ospo.get(1), 2, "WAITLISTED");
        program.step("decision-applied", ospo.get(2), 2, "WAITLISTED");
        String declined = program.step("declined", ospo.get(0), 3, "DECLINED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/selection")
                        .then().statusCode(200)
                        .body(decision(ospo.get(1)) + ".decision", equalTo("ACCEPTED"))
                        .body(decision(ospo.get(1)) + ".version", equalTo(2))
                        .body(decision(ospo.get(1)) + ".waitlistPosition", nullValue())
                        .body(decision(ospo.get(0)) + ".releasedAt", notNullValue()));
        assertEquals(List.of("dev.lectern.proposal.waitlisted.v1", "dev.lectern.proposal.accepted.v1"),
                outboxTypes(ospo.get(1)));

        // A redelivered decline, and a stale copy of it, promote no one else.
        program.step(declined, "declined", ospo.get(0), 3, "DECLINED");
        program.step("declined", ospo.get(0), 3, "DECLINED");
        // Withdrawing an acceptance frees its place too.
        program.step("withdrawn", legal.get(0), 2, "WITHDRAWN");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/selection")
                        .then().body(decision(legal.get(1)) + ".decision", equalTo("ACCEPTED")));
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/selection")
                .then().body(decision(ospo.get(2)) + ".decision", equalTo("WAITLISTED"))
                .body(decision(ospo.get(2)) + ".version", equalTo(1))
                .body(decision(legal.get(2)) + ".decision", equalTo("WAITLISTED"));
        assertEquals(List.of("dev.lectern.proposal.waitlisted.v1"), outboxTypes(ospo.get(2)));

        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/decisions/summary")
                .then().statusCode(200)
                .body("tracks.find { it.track == '" + Program.OSPO + "' }.capacity", equalTo(1))
                .body("tracks.find { it.track == '" + Program.OSPO + "' }.declined", equalTo(1))
                .body("tracks.find { it.track == '" + Program.OSPO + "' }.waitlisted", equalTo(2));
        // Nothing new to publish: the promotion went out by itself.
        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(0));
    }

    private static String decision(String id) {
        return "find { it.proposalId == '" + id + "' }";
    }

    private static void assertOutcome(Response selected, String id, String outcome, Integer position) {
        selected.then().body("decisions." + decision(id) + ".outcome", equalTo(outcome))
                .body("decisions." + decision(id) + ".waitlistPosition", equalTo(position));
    }

    private long outboxRows(String slug) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox o JOIN decision d "
                + "ON o.aggregateid = CAST(d.proposal_id AS varchar) WHERE d.event_slug = ?1")
                .setParameter(1, slug).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> outboxTypes(String proposalId) {
        return em.createNativeQuery("SELECT type FROM outbox WHERE aggregateid = ?1 ORDER BY seq")
                .setParameter(1, proposalId).getResultList();
    }
}
