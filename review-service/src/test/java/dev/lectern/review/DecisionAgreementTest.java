package dev.lectern.review;

import dev.lectern.review.decision.Disagreements;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two services agree on every proposal after re-selection and decisions from organizer tooling: selection
 * starts from the applied statuses, publishing sends only changes, promotion and capacities count what
 * submission-service applied, and a refused decision is shown with its reason. submission-service's side of the
 * stream (decision-applied naming the decision, decision-refused) is played here as it publishes it.
 */
@QuarkusTest
class DecisionAgreementTest {

    private static final String TOOLING = "/lectern/organizer-tooling";

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void reSelectionToolingDecisionsAndRefusalsKeepBothServicesInAgreement() {
        Program program = SelectionResourceTest.selectedAndPublished("agree");
        String slug = program.slug();
        List<String> ospo = program.ids().get(Program.OSPO);
        List<String> legal = program.ids().get(Program.LEGAL);
        assertDisagreements(slug, 8); // published, none applied yet
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/decisions/disagreements")
                .then().body("why", org.hamcrest.Matchers.everyItem(equalTo("NOT_YET_APPLIED")));
        List<String> statuses = List.of("ACCEPTED", "WAITLISTED", "WAITLISTED", "REJECTED");
        for (List<String> track : List.of(ospo, legal)) {
            for (int i = 0; i < 4; i++) {
                applied(program, track.get(i), 2, statuses.get(i), publishedMessageId(track.get(i)), "/lectern/review-service");
            }
        }
        assertDisagreements(slug, 0);
        // The gauge counts every event's; other tests' events may disagree, this one adds nothing while quiet.
        double quiet = registry.get(Disagreements.GAUGE).gauge().value();

        // OSPO's accepted speaker declines: the first waitlisted moves up, and submission-service applies it.
        program.step("declined", ospo.get(0), 3, "DECLINED");
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedMessageId(ospo.get(1)) != null
                && !publishedMessageId(ospo.get(1)).equals(firstMessage(ospo.get(1))));
        applied(program, ospo.get(1), 3, "ACCEPTED", publishedMessageId(ospo.get(1)), "/lectern/review-service");

        // A room becomes free: OSPO gets two places. The re-run keeps the acceptance, serves the waitlist first,
        // moves the rejected proposal up to the waitlist, and shows what a publish would change.
        Response again = given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(Map.of("capacity", Map.of("tracks", Map.of(Program.OSPO, 2, Program.LEGAL, 1)),
                        "waitlistLength", 2, "key", "raw"))
                .when().post("/api/events/" + slug + "/selection");
        again.then().statusCode(200)
                .body(line(ospo.get(1)) + ".reason", equalTo("KEPT"))
                .body(line(ospo.get(2)) + ".reason", equalTo("FROM_WAITLIST"))
                .body(line(ospo.get(3)) + ".outcome", equalTo("WAITLIST"))
                .body("changes", hasSize(2))
                .body(change(ospo.get(2)) + ".from", equalTo("WAITLISTED"))
                .body(change(ospo.get(2)) + ".to", equalTo("ACCEPTED"))
                .body(change(ospo.get(3)) + ".from", equalTo("REJECTED"))
                .body(change(ospo.get(3)) + ".to", equalTo("WAITLISTED"));
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/decisions/changes")
                .then().statusCode(200).body("proposalId", equalTo(List.of(ospo.get(2), ospo.get(3))));
        given().header("Authorization", ReviewFlowTest.organizer()).when().post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(2));
        applied(program, ospo.get(2), 3, "ACCEPTED", publishedMessageId(ospo.get(2)), "/lectern/review-service");
        applied(program, ospo.get(3), 3, "WAITLISTED", publishedMessageId(ospo.get(3)), "/lectern/review-service");
        assertDisagreements(slug, 0);

        // Organizer tooling accepts LEGAL's rejected proposal: it holds a place like review-service's own, so when
        // LEGAL's first acceptance is declined, nobody moves up (one place, taken).
        applied(program, legal.get(3), 3, "ACCEPTED", UUID.randomUUID().toString(), TOOLING);
        program.step("declined", legal.get(0), 3, "DECLINED");
        ReviewFlowTest.awaitVersion(slug, legal.get(0), 3);
        assertDisagreements(slug, 0);
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/selection")
                .then().body(decisionOf(legal.get(1)) + ".decision", equalTo("WAITLISTED"));
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/decisions/summary")
                .then().statusCode(200)
                .body("tracks.find { it.track == '" + Program.LEGAL + "' }.accepted", equalTo(1))
                .body("tracks.find { it.track == '" + Program.OSPO + "' }.accepted", equalTo(2));

        // Tooling then tries to accept the declined proposal: submission-service refuses and says why.
        refused(program, legal.get(0), 3, "ACCEPTED", "DECLINED", TOOLING);
        assertDisagreements(slug, 1);
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/decisions/disagreements")
                .then().body("[0].proposalId", equalTo(legal.get(0))).body("[0].why", equalTo("REFUSED"))
                .body("[0].decisionSource", equalTo(TOOLING)).body("[0].reason", containsString("DECLINED"));
        given().header("Authorization", ReviewFlowTest.organizer()).when().get("/api/events/" + slug + "/selection")
                .then().body(decisionOf(legal.get(0)) + ".refusal", containsString("DECLINED"))
                .body(decisionOf(legal.get(1)) + ".refusal", nullValue());
        assertEquals(quiet + 1, registry.get(Disagreements.GAUGE).gauge().value());
    }

    private static void assertDisagreements(String slug, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", ReviewFlowTest.organizer())
                        .when().get("/api/events/" + slug + "/decisions/disagreements")
                        .then().statusCode(200).body("$", hasSize(count)));
    }

    /** submission-service applied a decision: decision-applied naming the decision message. */
    private static void applied(Program program, String id, long version, String status, String decisionId, String source) {
        String json = Stream.proposalJson(id, program.slug(), version, status, program.titles().get(id),
                program.tracks().get(id), speakers(program, id));
        String withDecision = "{\"decision\":{\"id\":\"" + decisionId + "\",\"source\":\"" + source + "\"},"
                + json.substring(json.indexOf('{') + 1);
        Stream.send("cfp.proposals", id, "dev.lectern.proposal.decision-applied.v1", withDecision);
    }

    /** submission-service refused a decision: decision-refused, the proposal unchanged at {@code version}. */
    private static void refused(Program program, String id, long version, String decision, String status, String source) {
        Stream.send("cfp.proposals", id, "dev.lectern.proposal.decision-refused.v1", """
                {"proposalId":"%s","event":"%s","decision":"%s","status":"%s","version":%d,
                 "reason":"impossible transition: proposal %s is %s; it cannot be accepted","decisionId":"%s",
                 "decisionSource":"%s","refusedAt":"%s"}""".formatted(id, program.slug(), decision, status, version, id,
                status, UUID.randomUUID(), source, Instant.now()));
    }

    private static String speakers(Program program, String id) {
        Map<String, String> s = program.speakers().get(id);
        return "[{\"name\":\"" + s.get("name") + "\",\"email\":\"" + s.get("email") + "\",\"affiliation\":\""
                + s.get("affiliation") + "\",\"bio\":\"\"}]";
    }

    private String publishedMessageId(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "SELECT CAST(published_message_id AS varchar) FROM decision WHERE proposal_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
    }

    private String firstMessage(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "SELECT CAST(id AS varchar) FROM outbox WHERE aggregateid = ?1 ORDER BY seq LIMIT 1")
                .setParameter(1, id).getSingleResult());
    }

    private static String line(String id) {
        return "decisions.find { it.proposalId == '" + id + "' }";
    }

    private static String change(String id) {
        return "changes.find { it.proposalId == '" + id + "' }";
    }

    private static String decisionOf(String id) {
        return "find { it.proposalId == '" + id + "' }";
    }
}
