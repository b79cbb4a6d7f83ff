package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.lectern.submission.Fixtures.person;
import static dev.lectern.submission.Fixtures.proposal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Each kind of bad input gets its own 4xx problem, naming the field, in English or Chinese. */
@QuarkusTest
class BadInputTest {

    private static final String SPEAKER = "bad-input@example.com";
    private static final String PROBLEM = "application/problem+json";

    private String slug;

    @BeforeEach
    void event() {
        slug = Fixtures.createEvent("bad");
    }

    private ValidatableResponse send(String language, String contentType, String body) {
        return given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Accept-Language", language)
                .contentType(contentType).body(body)
                .when().post("/api/events/" + slug + "/proposals").then();
    }

    private ValidatableResponse send(String language, Map<String, Object> body) {
        return given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Accept-Language", language)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/events/" + slug + "/proposals").then();
    }

    private static Map<String, Object> talkWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Fixtures.talk(SPEAKER));
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "id", "version", "owner", "speakerz"})
    void unknownFieldIsRefusedByName(String field) {
        send("en", talkWith(field, "ACCEPTED")).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].code", equalTo("unknown-field"))
                .body("errors[0].message", equalTo("is not a field Lectern knows; remove it"));
        send("zh", talkWith(field, "ACCEPTED")).statusCode(400).contentType(PROBLEM)
                .header("Content-Language", "zh")
                .body("title", equalTo("部分字段需要修改"))
                .body("errors[0].message", equalTo("不是 Lectern 认识的字段，请删除"));
    }

    @Test
    void wrongTypeIsRefusedByName() {
        send("en", talkWith("speakers", 42)).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("speakers"))
                .body("errors[0].code", equalTo("wrong-type"))
                .body("errors[0].message", equalTo("has the wrong type"));
        send("zh", talkWith("draft", "maybe")).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("draft"))
                .body("errors[0].message", equalTo("类型不正确"));
    }

    @Test
    void wrongTypeInsideAListNamesItsIndex() {
        send("en", talkWith("speakers", List.of(Map.of("name", List.of("x"), "email", SPEAKER))))
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("speakers[0].name"));
    }

    @Test
    void invalidJsonIsRefused() {
        send("en", "application/json", "{\"title\": \"unfinished").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-json"))
                .body("title", equalTo("The body is not valid JSON"));
        send("zh", "application/json", "{\"title\": }").statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("请求体不是有效的 JSON"));
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        send("en", "application/json", "{\"title\": " + nested + "}").statusCode(400).contentType(PROBLEM)
                .body("code", org.hamcrest.Matchers.anyOf(equalTo("json-too-complex"), equalTo("validation-failed")));
        send("en", "application/json", "{\"tags\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"x\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void invalidUtf8IsRefusedWith400() {
        byte[] body = "{\"title\": \"bad \u00ff\u00fe bytes\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().header("Authorization", Fixtures.speaker(SPEAKER)).contentType("application/json; charset=UTF-8")
                .body(body).when().post("/api/events/" + slug + "/proposals")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void emptyBodyIsRefused() {
        send("en", "application/json", "").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("$"))
                .body("errors[0].code", equalTo("required"));
    }

    @Test
    void missingRequiredFieldsAreListedOneByOne() {
        Map<String, Object> body = talkWith("title", null);
        body.remove("track");
        send("en", body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("title", "track")))
                .body("errors[0].message", equalTo("is required"));
        send("zh", body).statusCode(400).body("errors[0].message", equalTo("为必填项"));
    }

    @Test
    void limitsAreEnforcedPerField() {
        send("en", talkWith("title", "长".repeat(301))).statusCode(400)
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].code", equalTo("size"))
                .body("errors[0].message", equalTo("must have between 0 and 300 characters or items"));
        send("en", talkWith("tags", java.util.Collections.nCopies(21, "t"))).statusCode(400)
                .body("errors[0].field", equalTo("tags"));
        send("en", talkWith("speakers", List.of(Map.of("name", "李雷", "email", "not-an-email")))).statusCode(400)
                .body("errors[0].field", equalTo("speakers[0].email"))
                .body("errors[0].code", equalTo("email"));
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        send("en", "application/json", huge).statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("payload-too-large"));
        send("zh", "application/json", huge).statusCode(413).contentType(PROBLEM)
                .body("title", equalTo("请求体过大"));
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWith415() {
        send("en", "text/plain", "title=hello").statusCode(415).contentType(PROBLEM)
                .body("code", equalTo("unsupported-media-type"));
        send("zh", "text/plain", "title=hello").statusCode(415).contentType(PROBLEM)
                .body("title", equalTo("不支持的媒体类型"));
    }

    @Test
    void debateWithOneOrThreeSpeakersIsRefused() {
        for (List<Map<String, Object>> speakers : List.of(
                List.of(person("辩手甲", SPEAKER)),
                List.of(person("辩手甲", SPEAKER), person("辩手乙", "b@example.com"), person("辩手丙", "c@example.com")))) {
            send("en", proposal("Debate", "debate", "ospo-experience", "en", speakers)).statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors[0].field", equalTo("speakers"))
                    .body("errors[0].code", equalTo("speaker-count"))
                    .body("errors[0].message", equalTo("this format needs between 2 and 2 speakers"));
            send("zh", proposal("Debate", "debate", "ospo-experience", "en", speakers)).statusCode(400)
                    .body("errors[0].message", equalTo("该形式需要 2 到 2 位讲者"));
        }
    }

    @Test
    void debateWithTwoSpeakersIsAccepted() {
        send("en", proposal("Debate", "debate", "ospo-experience", "en",
                List.of(person("辩手甲", SPEAKER), person("辩手乙", "b@example.com"))))
                .statusCode(201).body("status", equalTo("SUBMITTED"));
    }

    @Test
    void draftDebateMayLackItsSecondSpeakerUntilSubmitted() {
        Map<String, Object> body = new HashMap<>(proposal("Debate", "debate", "ospo-experience", "en",
                List.of(person("辩手甲", SPEAKER))));
        body.put("draft", true);
        String id = send("en", body).statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        given().header("Authorization", Fixtures.speaker(SPEAKER)).when().post("/api/proposals/" + id + "/submit")
                .then().statusCode(400).body("errors[0].code", equalTo("speaker-count"));
    }

    @Test
    void trackFormatAndLanguageMustBelongToTheEvent() {
        send("en", proposal("X", "keynote", "gardening", "fr", List.of(person("A", SPEAKER)))).statusCode(400)
                .body("errors.field", equalTo(List.of("format", "track", "language")))
                .body("errors.code", equalTo(List.of("unknown-format", "unknown-track", "unknown-language")));
    }

    @Test
    void sameSpeakerTwiceIsRefused() {
        send("en", proposal("Debate", "debate", "ospo-experience", "en",
                List.of(person("A", SPEAKER), person("B", SPEAKER.toUpperCase())))).statusCode(400)
                .body("errors[0].field", equalTo("speakers[1].email"))
                .body("errors[0].code", equalTo("duplicate"));
    }

    @Test
    void badEventIsRefusedPerField() {
        Map<String, Object> event = new HashMap<>(Fixtures.event(Fixtures.uniqueSlug("badevent")));
        event.put("timeZone", "Mars/Olympus");
        given().header("Authorization", Fixtures.organizer()).header("Accept-Language", "zh")
                .contentType(ContentType.JSON).body(event)
                .when().post("/api/events").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("timeZone"))
                .body("errors[0].message", containsString("Asia/Shanghai"));
    }

    @Test
    void problemsNeverLeakInternals() {
        send("en", "application/json", "{\"title\": ").statusCode(400)
                .body(not(containsString("jackson")))
                .body(not(containsString("Exception")))
                .body("errors.field", not(hasItem("create.request")));
    }
}
