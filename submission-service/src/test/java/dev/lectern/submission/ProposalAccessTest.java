package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lectern.submission.Fixtures.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who sees and changes a proposal: its speakers (by sign-in or by email) and its event's organizers. */
@QuarkusTest
class ProposalAccessTest {

    private static final String SUBMITTER = "submitter@example.com";
    private static final String CO_SPEAKER = "Co.Speaker@Example.com";

    private String slug;
    private String id;

    @BeforeEach
    void debateWithACoSpeaker() {
        slug = Fixtures.createEvent("access");
        id = Fixtures.submit(slug, SUBMITTER, Fixtures.proposal("Debate", "debate", "ospo-experience", "en",
                List.of(person("Submitter", SUBMITTER), person("Co-speaker", CO_SPEAKER))));
    }

    @Test
    void speakerCannotReadAnotherSpeakersProposal() {
        Response theirs = given().header("Authorization", Fixtures.speaker("stranger@example.com"))
                .when().get("/api/proposals/" + id).andReturn();
        Response unknown = given().header("Authorization", Fixtures.speaker("stranger@example.com"))
                .when().get("/api/proposals/" + UUID.randomUUID()).andReturn();
        assertEquals(404, theirs.statusCode());
        assertEquals(404, unknown.statusCode());
        // The same answer as for an id that does not exist, so ids cannot be probed.
        assertEquals(unknown.<String>path("title"), theirs.path("title"));
        assertEquals(unknown.<String>path("detail"), theirs.path("detail"));
        assertEquals(unknown.contentType(), theirs.contentType());
    }

    @Test
    void speakerCannotChangeAnotherSpeakersProposal() {
        String stranger = Fixtures.speaker("stranger@example.com");
        given().header("Authorization", stranger).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Fixtures.talk("stranger@example.com"))
                .when().put("/api/proposals/" + id).then().statusCode(404);
        for (String action : List.of("submit", "withdraw", "confirm", "decline")) {
            given().header("Authorization", stranger).when().post("/api/proposals/" + id + "/" + action)
                    .then().statusCode(404);
        }
        given().header("Authorization", stranger).when().get("/api/me/proposals")
                .then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void coSpeakerSigningInWithTheirEmailCanReadAndEditTheProposal() {
        // The co-speaker's account has its own subject; only the email claim links it to the proposal.
        String coSpeaker = Fixtures.bearerWithEmail("account-" + UUID.randomUUID(), "co.speaker@example.com", "speaker");
        given().header("Authorization", coSpeaker).when().get("/api/proposals/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", coSpeaker).when().get("/api/me/proposals")
                .then().statusCode(200).body("id", hasItem(id));
        Map<String, Object> edited = new HashMap<>(Fixtures.proposal("Debate, revised by the co-speaker", "debate",
                "ospo-experience", "en", List.of(person("Submitter", SUBMITTER), person("Co-speaker", CO_SPEAKER))));
        given().header("Authorization", coSpeaker).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(edited)
                .when().put("/api/proposals/" + id)
                .then().statusCode(200).body("title", equalTo("Debate, revised by the co-speaker"));
    }

    @Test
    void removedCoSpeakerLosesAccess() {
        String coSpeaker = Fixtures.bearerWithEmail("account-" + UUID.randomUUID(), CO_SPEAKER, "speaker");
        Map<String, Object> withoutThem = Fixtures.proposal("Debate", "debate", "ospo-experience", "en",
                List.of(person("Submitter", SUBMITTER), person("Replacement", "replacement@example.com")));
        given().header("Authorization", Fixtures.speaker(SUBMITTER)).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(withoutThem)
                .when().put("/api/proposals/" + id).then().statusCode(200);
        given().header("Authorization", coSpeaker).when().get("/api/proposals/" + id).then().statusCode(404);
    }

    @Test
    void organizerOfTheEventReadsItAndAnotherEventsOrganizerCannot() {
        given().header("Authorization", Fixtures.bearer("org-" + slug, "organizer:" + slug))
                .when().get("/api/proposals/" + id).then().statusCode(200);
        given().header("Authorization", Fixtures.bearer("org-elsewhere", "organizer:elsewhere"))
                .when().get("/api/proposals/" + id).then().statusCode(404);
    }

    @Test
    void readingNeedsSignIn() {
        given().when().get("/api/proposals/" + id).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").when().get("/api/proposals/" + id)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void malformedIdIsNotFound() {
        given().header("Authorization", Fixtures.speaker(SUBMITTER)).when().get("/api/proposals/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void chineseTextRoundTripsExactly() {
        String title = "开源治理：从「合规」到“社区”——𠮷野家的实践 🚀";
        String name = "欧阳娜娜";
        String bio = "华为开源项目办公室（OSPO）负责人；曾任 Apache 软件基金会成员。\n第二行：全角标点，。？！";
        Map<String, Object> body = new HashMap<>(Fixtures.talk("ouyang@example.com"));
        body.put("title", title);
        body.put("abstract", "摘要：" + title);
        body.put("tags", List.of("开源治理", "𠮷"));
        body.put("speakers", List.of(Map.of("name", name, "email", "ouyang@example.com",
                "affiliation", "华为技术有限公司", "bio", bio)));
        String created = given().header("Authorization", Fixtures.speaker("ouyang@example.com"))
                .contentType("application/json; charset=UTF-8").body(body)
                .when().post("/api/events/" + slug + "/proposals")
                .then().statusCode(201).body("title", equalTo(title)).extract().path("id");
        given().header("Authorization", Fixtures.speaker("ouyang@example.com")).when().get("/api/proposals/" + created)
                .then().statusCode(200)
                .contentType(containsStringIgnoringCase("application/json"))
                .body("title", equalTo(title))
                .body("abstract", equalTo("摘要：" + title))
                .body("tags", equalTo(List.of("开源治理", "𠮷")))
                .body("speakers[0].name", equalTo(name))
                .body("speakers[0].affiliation", equalTo("华为技术有限公司"))
                .body("speakers[0].bio", equalTo(bio));
        given().header("Authorization", Fixtures.organizer()).queryParam("q", "𠮷野家")
                .when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.id", contains(created)).body("items[0].title", equalTo(title));
        given().header("Authorization", Fixtures.organizer()).queryParam("q", "娜娜")
                .when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.id", contains(created)).body("items[0].speakers[0].name", equalTo(name));
        given().header("Authorization", Fixtures.organizer()).queryParam("q", "开源治理")
                .when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.id", contains(created));
    }

    private static org.hamcrest.Matcher<String> containsStringIgnoringCase(String text) {
        return org.hamcrest.Matchers.containsStringIgnoringCase(text);
    }
}
