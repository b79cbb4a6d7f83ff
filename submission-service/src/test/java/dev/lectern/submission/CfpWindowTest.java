package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The CFP window, to the second, in the event's time zone. OSPOCon China's CFP closes at midnight in
 * Shanghai, which is 16:00 UTC the day before: a client in UTC must see it close then, not at its own midnight.
 */
@QuarkusTest
class CfpWindowTest {

    private static final String SPEAKER = "window@example.com";
    /** Midnight at the start of 1 April 2031 in Shanghai. */
    private static final OffsetDateTime CLOSES = OffsetDateTime.parse("2031-04-01T00:00:00+08:00");
    private static final OffsetDateTime OPENS = OffsetDateTime.parse("2031-03-01T00:00:00+08:00");
    private static final Instant CLOSES_AT = Instant.parse("2031-03-31T16:00:00Z");

    @Inject
    TestClock clock;

    private String slug;
    private String submitted;
    private String draft;

    @BeforeEach
    void eventWithProposals() {
        slug = Fixtures.uniqueSlug("window");
        // The organizer writes the window in UTC; the event keeps it in Shanghai time.
        Fixtures.createEvent(Fixtures.event(slug, OPENS.withOffsetSameInstant(ZoneOffset.UTC),
                CLOSES.withOffsetSameInstant(ZoneOffset.UTC)));
        clock.set(OPENS.toInstant().plusSeconds(3600));
        submitted = Fixtures.submit(slug, SPEAKER, Fixtures.talk(SPEAKER));
        draft = Fixtures.submit(slug, SPEAKER, draft());
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void eventShowsItsWindowInItsOwnTimeZone() {
        given().when().get("/api/events/" + slug).then().statusCode(200)
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("cfpClosesAt", equalTo("2031-04-01T00:00:00+08:00"))
                .body("cfpOpen", equalTo(true));
    }

    @Test
    void oneSecondBeforeClosingSpeakersCanStillSubmitAndEdit() {
        clock.set(CLOSES_AT.minusSeconds(1));
        Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", Fixtures.talk(SPEAKER))
                .statusCode(201);
        edit(submitted).statusCode(200);
        step(draft, "submit").statusCode(200).body("status", equalTo("SUBMITTED"));
    }

    @Test
    void oneSecondAfterClosingNoSubmissionAndNoEdit() {
        clock.set(CLOSES_AT.plusSeconds(1));
        closed(Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", Fixtures.talk(SPEAKER)));
        closed(edit(submitted));
        closed(edit(draft));
        closed(step(draft, "submit"));
        given().when().get("/api/events/" + slug).then().body("cfpOpen", equalTo(false));
        // Nothing was changed by the refused attempts, and a draft can still be read.
        given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + draft)
                .then().statusCode(200).body("status", equalTo("DRAFT")).body("version", equalTo(1));
        given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + submitted)
                .then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void closingIsExactToTheSecond() {
        clock.set(CLOSES_AT);
        closed(edit(submitted));
    }

    @Test
    void closedCfpIsExplainedInChineseToo() {
        clock.set(CLOSES_AT.plusSeconds(1));
        given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Accept-Language", "zh-CN,zh;q=0.9")
                .header("If-Match", "\"1\"").contentType(ContentType.JSON).body(Fixtures.talk(SPEAKER))
                .when().put("/api/proposals/" + submitted)
                .then().statusCode(409).body("title", equalTo("征稿已关闭"))
                .body("detail", containsString("2031-04-01T00:00:00+08:00"));
    }

    @Test
    void beforeOpeningNothingCanBeSubmitted() {
        clock.set(OPENS.toInstant().minusSeconds(1));
        closed(Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", Fixtures.talk(SPEAKER)));
    }

    @Test
    void anOrganizerClosingTheCfpEarlyStopsTheNextSubmission() {
        Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", Fixtures.talk(SPEAKER))
                .statusCode(201);
        // The window now closes a minute ago (the event read by the submission above must not be reused).
        OffsetDateTime closedAt = OffsetDateTime.ofInstant(clock.instant().minusSeconds(60), ZoneOffset.UTC);
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Fixtures.event(slug, OPENS.withOffsetSameInstant(ZoneOffset.UTC), closedAt))
                .when().put("/api/events/" + slug).then().statusCode(200);
        Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", Fixtures.talk(SPEAKER))
                .statusCode(409).body("code", equalTo("cfp-closed"));
    }

    @Test
    void afterClosingASpeakerMayStillWithdraw() {
        clock.set(CLOSES_AT.plusSeconds(1));
        step(submitted, "withdraw").statusCode(200).body("status", equalTo("WITHDRAWN"));
    }

    private static void closed(io.restassured.response.ValidatableResponse response) {
        response.statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("cfp-closed"))
                .body("detail", containsString("2031-04-01T00:00:00+08:00"))
                .body("detail", containsString("Asia/Shanghai"));
    }

    private static io.restassured.response.ValidatableResponse edit(String id) {
        return given().header("Authorization", Fixtures.speaker(SPEAKER)).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(Fixtures.talk(SPEAKER))
                .when().put("/api/proposals/" + id).then();
    }

    private static io.restassured.response.ValidatableResponse step(String id, String action) {
        return given().header("Authorization", Fixtures.speaker(SPEAKER))
                .when().post("/api/proposals/" + id + "/" + action).then();
    }

    private static Map<String, Object> draft() {
        Map<String, Object> body = new HashMap<>(Fixtures.talk(SPEAKER));
        body.put("draft", true);
        return body;
    }
}
