package dev.lectern.review;

import dev.lectern.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class ProjectionTest {

    static String organizer() {
        return "Bearer " + TestInfrastructure.tokens().mint("organizer@lectern.test", List.of("organizer"));
    }

    @Test
    void proposalEventsBuildABlindProjectionAtTheLatestVersion() {
        String slug = "proj-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        List<Map<String, String>> speakers = List.of(Map.of("name", "韩梅梅", "email", "hanmeimei@example.com", "affiliation", "示例大学"));
        Stream.event(slug, 1);
        Stream.proposal("submitted", id, slug, 1, "SUBMITTED", "第一版 first", "ospo-experience", speakers);
        Stream.proposal("updated", id, slug, 3, "SUBMITTED", "第三版 third", "ospo-experience", speakers);
        // A late, stale event changes nothing.
        Stream.proposal("updated", id, slug, 2, "SUBMITTED", "第二版 second", "ospo-experience", speakers);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", organizer())
                        .when().get("/api/events/" + slug + "/proposals/" + id)
                        .then().statusCode(200).body("version", equalTo(3)).body("title", equalTo("第三版 third")));

        String blind = given().header("Authorization", organizer())
                .when().get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("size()", equalTo(1)).extract().asString();
        assertFalse(blind.contains("韩梅梅") || blind.contains("hanmeimei") || blind.contains("示例大学"), blind);

        given().header("Authorization", organizer())
                .when().get("/api/events/" + slug + "/proposals/" + id + "?identities=true")
                .then().statusCode(200).body("speakers[0].name", equalTo("韩梅梅"));
    }

    @Test
    void readingTheProjectionNeedsAnOrganizer() {
        given().when().get("/api/events/any/proposals").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestInfrastructure.tokens().mint("s@example.com", List.of("speaker")))
                .when().get("/api/events/any/proposals").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
