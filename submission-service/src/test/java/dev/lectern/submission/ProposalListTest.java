package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lectern.submission.Fixtures.person;
import static dev.lectern.submission.Fixtures.proposal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ProposalListTest {

    private static String list(String slug, String query) {
        return "/api/events/" + slug + "/proposals" + (query.isEmpty() ? "" : "?" + query);
    }

    @Test
    void organizerPagesThroughEveryProposalOnceInAStableOrder() {
        String slug = Fixtures.createEvent("list");
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String email = "pager" + i + "@example.com";
            submitted.add(Fixtures.submit(slug, email,
                    proposal("Talk " + i, "talk", "ospo-experience", "en", List.of(person("Speaker " + i, email)))));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().header("Authorization", Fixtures.organizer())
                    .queryParam("limit", 3)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when().get(list(slug, "")).then().statusCode(200).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(submitted, seen);
        assertEquals(3, pages);
    }

    @Test
    void organizerFiltersByStatusTrackFormatAndLanguage() {
        String slug = Fixtures.createEvent("filter");
        String zhTalk = Fixtures.submit(slug, "f1@example.com",
                proposal("A", "talk", "compliance-legal", "zh", List.of(person("甲", "f1@example.com"))));
        String enDebate = Fixtures.submit(slug, "f2@example.com",
                proposal("B", "debate", "ospo-experience", "en",
                        List.of(person("乙", "f2@example.com"), person("丙", "f3@example.com"))));
        Map<String, Object> draft = new java.util.HashMap<>(
                proposal("C", "talk", "ospo-experience", "en", List.of(person("丁", "f4@example.com"))));
        draft.put("draft", true);
        String enDraft = Fixtures.submit(slug, "f4@example.com", draft);

        String token = Fixtures.organizer();
        given().header("Authorization", token).when().get(list(slug, "language=zh"))
                .then().statusCode(200).body("items.id", contains(zhTalk));
        given().header("Authorization", token).when().get(list(slug, "format=debate"))
                .then().statusCode(200).body("items.id", contains(enDebate));
        given().header("Authorization", token).when().get(list(slug, "track=ospo-experience&status=DRAFT"))
                .then().statusCode(200).body("items.id", contains(enDraft));
        given().header("Authorization", token).when().get(list(slug, "status=SUBMITTED&status=DRAFT&language=en"))
                .then().statusCode(200).body("items.id", containsInAnyOrder(enDebate, enDraft));
        given().header("Authorization", token).when().get(list(slug, "status=submitted,draft"))
                .then().statusCode(200).body("items.id", containsInAnyOrder(zhTalk, enDebate, enDraft));
        given().header("Authorization", token).when().get(list(slug, "status=ACCEPTED"))
                .then().statusCode(200).body("items", empty()).body("nextCursor", nullValue());
    }

    @Test
    void organizerSearchesChineseAndEnglishTextAsSubstrings() {
        String slug = Fixtures.createEvent("search");
        String compliance = Fixtures.submit(slug, "s1@example.com",
                proposal("开源合规实践：从零到一", "talk", "compliance-legal", "zh", List.of(person("韩梅梅", "s1@example.com"))));
        String community = Fixtures.submit(slug, "s2@example.com",
                proposal("Building Open Source Communities", "talk", "ospo-experience", "en", List.of(person("Wang Fang", "s2@example.com"))));
        String token = Fixtures.organizer();

        // A word in the middle of a Chinese title, with no spaces around it.
        given().header("Authorization", token).queryParam("q", "合规").when().get(list(slug, ""))
                .then().statusCode(200).body("items.id", contains(compliance))
                .body("items[0].title", equalTo("开源合规实践：从零到一"));
        given().header("Authorization", token).queryParam("q", "梅梅").when().get(list(slug, ""))
                .then().statusCode(200).body("items.id", contains(compliance));
        given().header("Authorization", token).queryParam("q", "open source COMM").when().get(list(slug, ""))
                .then().statusCode(200).body("items.id", contains(community));
        // Wildcards in the text are matched literally.
        given().header("Authorization", token).queryParam("q", "%").when().get(list(slug, ""))
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void organizerCountsProposalsPerStatusTrackAndFormat() {
        String slug = Fixtures.createEvent("counts");
        Fixtures.submit(slug, "c1@example.com",
                proposal("A", "talk", "compliance-legal", "zh", List.of(person("A", "c1@example.com"))));
        Fixtures.submit(slug, "c2@example.com",
                proposal("B", "talk", "compliance-legal", "en", List.of(person("B", "c2@example.com"))));
        Fixtures.submit(slug, "c3@example.com", proposal("C", "debate", "ospo-experience", "en",
                List.of(person("C", "c3@example.com"), person("D", "c4@example.com"))));

        given().header("Authorization", Fixtures.organizer()).when().get(list(slug, "").concat("/counts"))
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("byStatus.SUBMITTED", equalTo(3))
                .body("byStatus.DRAFT", equalTo(0))
                .body("byTrack.compliance-legal", equalTo(2))
                .body("byTrack.ospo-experience", equalTo(1))
                .body("byFormat.talk", equalTo(2))
                .body("byFormat.debate", equalTo(1))
                .body("byFormat.panel", equalTo(0));
        given().header("Authorization", Fixtures.organizer()).when().get(list(slug, "").concat("/counts?language=en"))
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void speakerCannotListAnEventsProposals() {
        String slug = Fixtures.createEvent("nolist");
        given().header("Authorization", Fixtures.speaker("nosy@example.com")).when().get(list(slug, ""))
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get(list(slug, "")).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void organizerOfAnotherEventCannotListThisOne() {
        String slug = Fixtures.createEvent("scoped");
        given().header("Authorization", Fixtures.bearer("other-organizer", "organizer:some-other-event"))
                .when().get(list(slug, "")).then().statusCode(403);
        given().header("Authorization", Fixtures.bearer("this-organizer", "organizer:" + slug))
                .when().get(list(slug, "")).then().statusCode(200);
        given().header("Authorization", Fixtures.bearer("this-organizer", "organizer:" + slug))
                .when().get(list(slug, "").concat("/counts")).then().statusCode(200);
    }

    @Test
    void badListParametersAreRefusedPerField() {
        String slug = Fixtures.createEvent("badlist");
        String token = Fixtures.organizer();
        for (String query : List.of("limit=0", "limit=201", "limit=abc")) {
            given().header("Authorization", token).when().get(list(slug, query))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limit"))
                    .body("errors[0].message", equalTo("must be a whole number from 1 to 200"));
        }
        given().header("Authorization", token).header("Accept-Language", "zh").when().get(list(slug, "limit=500"))
                .then().statusCode(400).body("errors[0].message", equalTo("必须是 1 到 200 之间的整数"));
        given().header("Authorization", token).when().get(list(slug, "cursor=not-a-cursor"))
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", token).when().get(list(slug, "status=PENDING"))
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().header("Authorization", token).when().get(list("no-such-event", ""))
                .then().statusCode(404).contentType("application/problem+json");
    }
}
