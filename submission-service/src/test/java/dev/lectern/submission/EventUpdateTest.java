package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Changing an event: If-Match like proposals, and no change that leaves proposals invalid. */
@QuarkusTest
class EventUpdateTest {

    private static io.restassured.response.ValidatableResponse put(String slug, Object body, String ifMatch) {
        var request = given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/events/" + slug).then();
    }

    @Test
    void anEventChangeNeedsTheCurrentETag() {
        String slug = Fixtures.createEvent("etag");
        String etag = given().get("/api/events/" + slug).then().statusCode(200).extract().header("ETag");
        put(slug, Fixtures.event(slug), null).statusCode(428).body("code", equalTo("event-precondition-required"));
        put(slug, Fixtures.event(slug), etag).statusCode(200).header("ETag", equalTo("\"2\""));
        put(slug, Fixtures.event(slug), etag).statusCode(412).body("code", equalTo("event-changed"))
                .body("detail", containsString("2"));
    }

    @Test
    void removingATrackProposalsUseIsRefusedNamingHowManyAndARenameKeepsThem() {
        String slug = Fixtures.createEvent("in-use");
        String speaker = "in-use-" + slug + "@example.com";
        Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        Map<String, Object> withoutLegal = new HashMap<>(Fixtures.event(slug));
        withoutLegal.put("tracks", List.of(Map.of("slug", "ospo-experience", "name", Map.of("en", "OSPO", "zh", "OSPO"))));
        withoutLegal.put("languages", List.of("en"));
        put(slug, withoutLegal, "*").statusCode(409).body("code", equalTo("event-option-in-use"))
                .body("detail", containsString("track 'compliance-legal': 2 proposals"))
                .body("detail", containsString("language 'zh': 2 proposals"));
        given().header("Authorization", Fixtures.organizer()).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .header("If-Match", "*").body(withoutLegal).when().put("/api/events/" + slug)
                .then().statusCode(409).body("title", equalTo("有议题在使用将被删除的选项"));

        Map<String, Object> renamed = new HashMap<>(Fixtures.event(slug));
        renamed.put("tracks", List.of(
                Map.of("slug", "ospo-experience", "name", Map.of("en", "OSPO", "zh", "OSPO")),
                Map.of("slug", "compliance-legal", "name", Map.of("en", "Law and licences", "zh", "法律与许可证"))));
        put(slug, renamed, "*").statusCode(200).body("tracks[1].name.en", equalTo("Law and licences"));
        // An unused format may go.
        Map<String, Object> fewerFormats = new HashMap<>(renamed);
        fewerFormats.put("formats", List.of(Map.of("slug", "talk", "name", Map.of("en", "Single talk", "zh", "主题演讲"),
                "durationMinutes", 30, "minSpeakers", 1, "maxSpeakers", 1)));
        put(slug, fewerFormats, "*").statusCode(200);
    }
}
