package dev.lectern.submission;

import dev.lectern.submission.proposal.OfferExpiry;
import dev.lectern.submission.proposal.ProposalDecisions;
import dev.lectern.submission.proposal.ProposalDecisions.DecisionOutcome;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Offers that expire: an acceptance carries a respond-by time (the decision's, else the event's); unconfirmed by
 * then it becomes DECLINED with the reason EXPIRED and emits {@code proposal.declined.v1} once, however many
 * expiry runs race for it; confirming after the time is a 409 that says so.
 */
@QuarkusTest
class OfferExpiryTest {

    @Inject
    ProposalDecisions decisions;

    @Inject
    OfferExpiry expiry;

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAcceptanceTakesTheEventsRespondByAndAnUnansweredOneExpiresOnce() throws Exception {
        OffsetDateTime respondBy = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(40).withSecond(30).withNano(0);
        String slug = eventRespondingBy(respondBy);
        given().when().get("/api/events/" + slug).then().statusCode(200)
                .body("respondBy", equalTo(respondBy.toString()));
        String id = accepted(slug, "expire@example.com", null);
        proposal(id, "expire@example.com").body("status", equalTo("ACCEPTED"))
                .body("respondBy", equalTo(respondBy.toInstant().toString())).body("statusReason", nullValue());

        clock.set(respondBy.toInstant().plusSeconds(1));
        expiry.expireDue();
        proposal(id, "expire@example.com").body("status", equalTo("DECLINED")).body("statusReason", equalTo("EXPIRED"));
        expiry.expireDue();
        assertEquals(1, declinedEvents(id), "one proposal.declined.v1 for the expiry");
    }

    @Test
    void confirmingAfterTheRespondByTimeIsRefusedInEitherLanguage() throws Exception {
        String slug = eventRespondingBy(null);
        Instant respondBy = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = accepted(slug, "late@example.com", respondBy);
        proposal(id, "late@example.com").body("respondBy", equalTo(respondBy.toString()));
        clock.set(respondBy);
        given().header("Authorization", Fixtures.speaker("late@example.com")).header("Accept-Language", "zh-CN")
                .when().post("/api/proposals/" + id + "/confirm")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("offer-expired")).body("title", equalTo("录用邀请已过期"));
        given().header("Authorization", Fixtures.speaker("late@example.com"))
                .when().post("/api/proposals/" + id + "/confirm")
                .then().statusCode(409).body("detail", containsString("Asia/Shanghai"));
        clock.set(respondBy.minusSeconds(1));
        given().header("Authorization", Fixtures.speaker("late@example.com"))
                .when().post("/api/proposals/" + id + "/confirm")
                .then().statusCode(200).body("status", equalTo("CONFIRMED"));
        clock.set(respondBy.plusSeconds(60));
        expiry.expireDue();
        proposal(id, "late@example.com").body("status", equalTo("CONFIRMED"));
        assertEquals(0, declinedEvents(id), "a confirmed offer never expires");
    }

    @Test
    void aDecisionsOwnRespondByWinsAndMovingAwayFromAcceptedClearsIt() {
        OffsetDateTime eventTime = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(40).withSecond(30).withNano(0);
        String slug = eventRespondingBy(eventTime);
        Instant own = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String id = accepted(slug, "own@example.com", own);
        proposal(id, "own@example.com").body("respondBy", equalTo(own.toString()));
        assertEquals(DecisionOutcome.APPLIED, decide(UUID.fromString(id), slug, Step.WAITLIST, null));
        proposal(id, "own@example.com").body("status", equalTo("WAITLISTED")).body("respondBy", nullValue());
        clock.set(own.plusSeconds(1));
        expiry.expireDue();
        proposal(id, "own@example.com").body("status", equalTo("WAITLISTED"));
    }

    @Test
    void twoInstancesExpiringAtOnceDeclineEachOfferOnce() throws Exception {
        String slug = eventRespondingBy(null);
        Instant respondBy = Instant.now().plus(Duration.ofDays(5));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(accepted(slug, "race" + i + "@example.com", respondBy));
        }
        clock.set(respondBy.plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(expiry::expireDue);
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            assertEquals(1, declinedEvents(id), "proposal " + id + " declined once");
        }
        given().header("Authorization", Fixtures.organizer()).queryParam("status", "DECLINED").queryParam("limit", 100)
                .when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(30));
    }

    private String eventRespondingBy(OffsetDateTime respondBy) {
        String slug = Fixtures.uniqueSlug("offers");
        Map<String, Object> event = new HashMap<>(Fixtures.event(slug));
        if (respondBy != null) {
            event.put("respondBy", respondBy.toString());
        }
        Fixtures.createEvent(event);
        return slug;
    }

    private String accepted(String slug, String speaker, Instant respondBy) {
        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        assertEquals(DecisionOutcome.APPLIED, decide(UUID.fromString(id), slug, Step.ACCEPT, respondBy));
        return id;
    }

    private DecisionOutcome decide(UUID id, String slug, Step step, Instant respondBy) {
        return QuarkusTransaction.requiringNew().call(() -> decisions.decide(id, slug, step,
                new ProposalDecisions.DecisionRef(UUID.randomUUID().toString(), "/lectern/organizer-tooling"), respondBy));
    }

    private static io.restassured.response.ValidatableResponse proposal(String id, String speaker) {
        return given().header("Authorization", Fixtures.speaker(speaker)).accept(ContentType.JSON)
                .when().get("/api/proposals/" + id).then().statusCode(200);
    }

    private long declinedEvents(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = 'dev.lectern.proposal.declined.v1'")) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
