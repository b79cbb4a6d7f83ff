package dev.lectern.review;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranking over HTTP: scores, ranks and explanations, blind unless asked, and a CSV that runs no formula. */
@QuarkusTest
class RankingResourceTest {

    static final String FORMULA_TITLE = "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")";

    @Test
    void theRankingShowsScoresRanksAndExplanationsAndNoSpeakerUnlessAsked() {
        Program program = Program.reviewed("rank", 3, Map.of());
        String slug = program.slug();
        Response blind = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/ranking");
        blind.then().statusCode(200).contentType("application/json")
                .body("key", equalTo("calibrated"))
                .body("identities", equalTo(false))
                .body("proposals", hasSize(6))
                .body("proposals.reviewCount", everyItem(equalTo(2)))
                .body("proposals.rank", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                .body("proposals.weightedMean", everyItem(notNullValue()))
                .body("proposals.median", everyItem(notNullValue()))
                .body("proposals.calibratedScore", everyItem(notNullValue()))
                .body("proposals.spread", everyItem(notNullValue()))
                .body("proposals.explanation.criterionMeans.relevance", everyItem(notNullValue()))
                .body("proposals.explanation.reviewers", everyItem(hasSize(2)))
                .body("reviewers", hasSize(3));
        assertNoSpeaker(blind.asString(), program.identities());

        given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/ranking?key=raw&track=" + Program.LEGAL)
                .then().statusCode(200).body("key", equalTo("raw"))
                .body("proposals.proposalId", equalTo(program.ids().get(Program.LEGAL)))
                .body("proposals.rankInTrack", equalTo(List.of(1, 2, 3)))
                .body("proposals[0].weightedMean", equalTo(5.0f));

        String named = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/ranking?identities=true")
                .then().statusCode(200).body("identities", equalTo(true))
                .body("proposals.speakers", everyItem(hasSize(1))).extract().asString();
        assertTrue(named.contains(program.identities().get(0)), "the organizer asked for names");
    }

    @Test
    void onlyTheEventsOrganizersReadTheRanking() {
        Program program = Program.reviewed("rank-auth", 1, Map.of());
        String slug = program.slug();
        String reviewer = ReviewFlowTest.reviewerToken("r1-" + slug + "@reviewers.test", slug);
        List<String> seen = new java.util.ArrayList<>();
        seen.add(given().header("Authorization", reviewer).when().get("/api/events/" + slug + "/ranking?identities=true")
                .then().statusCode(403).extract().asString());
        seen.add(given().header("Authorization", reviewer).when().get("/api/events/" + slug + "/ranking?format=csv")
                .then().statusCode(403).extract().asString());
        assertNoSpeaker(String.join("\n", seen), program.identities());
        String otherOrganizer = "Bearer " + dev.lectern.infra.TestInfrastructure.tokens()
                .mint("other@lectern.test", List.of("organizer:another-event"));
        given().header("Authorization", otherOrganizer).when().get("/api/events/" + slug + "/ranking")
                .then().statusCode(403);
        String eventOrganizer = "Bearer " + dev.lectern.infra.TestInfrastructure.tokens()
                .mint("mine@lectern.test", List.of("organizer:" + slug));
        given().header("Authorization", eventOrganizer).when().get("/api/events/" + slug + "/ranking")
                .then().statusCode(200);
        given().when().get("/api/events/" + slug + "/ranking").then().statusCode(401);
        given().header("Authorization", ReviewFlowTest.organizer()).header("Accept-Language", "zh")
                .when().get("/api/events/" + slug + "/ranking?key=loudest")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("key"));
        given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/no-such-event/ranking").then().statusCode(404);
    }

    @Test
    void theCsvExportNeutralisesFormulasAndStaysBlind() {
        Program program = Program.reviewed("rank-csv", 2, Map.of(Program.OSPO + "#0", FORMULA_TITLE));
        String slug = program.slug();
        String csv = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/ranking?format=csv")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length, csv);
        assertTrue(lines[0].startsWith("rank,rankInTrack,proposalId,title,"), lines[0]);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), csv);
        assertNoSpeaker(csv, program.identities());

        String byAccept = given().header("Authorization", ReviewFlowTest.organizer()).accept("text/csv")
                .when().get("/api/events/" + slug + "/ranking")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals(csv, byAccept);

        String named = given().header("Authorization", ReviewFlowTest.organizer())
                .when().get("/api/events/" + slug + "/ranking?format=csv&identities=true")
                .then().statusCode(200).extract().asString();
        assertTrue(named.split("\r\n")[0].contains("speakers,emails,affiliations"), named);
        assertTrue(named.contains(program.identities().get(1)), named);
    }

    static void assertNoSpeaker(String response, List<String> identities) {
        ReviewFlowTest.assertNoIdentity(List.of(response), identities);
        assertTrue(!response.contains("\"speakers\""), response);
    }
}
