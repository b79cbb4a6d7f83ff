package dev.lectern.e2e;

import dev.lectern.infra.StackTool;
import dev.lectern.infra.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./lectern up --demo} seeds: the demo event and a whole round on it, so every page of the web app has
 * content. Proposals in several tracks and formats in both languages reach review-service; reviewers are
 * assigned; some reviews are in, so the ranking has scores; a second seed leaves it as it is.
 */
class DemoRoundIT extends BothServices {

    @Test
    void theDemoSeedsAWholeRoundOnce() throws Exception {
        Path event = Path.of(System.getProperty("lectern.root"), "deploy/demo/ospocon-china-2023.event.json");
        StackTool.seed(stack.tokens, Tokens.ISSUER, submission.baseUrl(), event, review.baseUrl());
        String organizer = "Bearer " + stack.tokens.mint("demo-organizer@lectern.local", List.of("organizer"));
        String slug = "ospocon-china-2023";

        List<Map<String, Object>> proposals = given().baseUri(submission.baseUrl()).header("Authorization", organizer)
                .queryParam("limit", 100).get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items", hasSize(12))
                .body("items.language", hasItems("zh", "en"))
                .body("items.format", hasItems("talk", "debate", "panel", "talk-show"))
                .extract().path("items");
        assertTrue(proposals.stream().map(p -> p.get("track")).distinct().count() >= 5, "several tracks");

        given().baseUri(review.baseUrl()).header("Authorization", organizer).get("/api/events/" + slug + "/reviewers")
                .then().statusCode(200).body("", hasSize(3));
        given().baseUri(review.baseUrl()).header("Authorization", organizer).get("/api/events/" + slug + "/assignments")
                .then().statusCode(200).body("size()", greaterThan(20));
        given().baseUri(review.baseUrl()).header("Authorization", organizer).get("/api/events/" + slug + "/ranking?key=raw")
                .then().statusCode(200).body("proposals", hasSize(12))
                .body("proposals.findAll { it.reviewCount > 0 }.size()", greaterThan(6));
        String reviewer = "Bearer " + stack.tokens.mint("00000000-0000-4000-8000-000000000003", List.of("reviewer:" + slug));
        given().baseUri(review.baseUrl()).header("Authorization", reviewer).get("/api/me/assignments")
                .then().statusCode(200).body("size()", greaterThan(0))
                .body("proposal.id", everyItem(org.hamcrest.Matchers.notNullValue()));
        String speaker = "Bearer " + stack.tokens.mint("lilei@example.com", List.of("speaker"));
        given().baseUri(submission.baseUrl()).header("Authorization", speaker).get("/api/me/proposals")
                .then().statusCode(200).body("title", hasItems("如何从 0 到 1 构建 OSPO"));

        StackTool.seed(stack.tokens, Tokens.ISSUER, submission.baseUrl(), event, review.baseUrl());
        given().baseUri(submission.baseUrl()).header("Authorization", organizer).queryParam("limit", 100)
                .get("/api/events/" + slug + "/proposals").then().statusCode(200).body("items", hasSize(12));
    }
}
