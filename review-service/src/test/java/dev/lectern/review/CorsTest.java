package dev.lectern.review;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The web app (served by submission-service) may call review-service from a browser, with its token and headers; another origin may not. */
@QuarkusTest
class CorsTest {

    static final String APP = "http://localhost:8080";

    @Test
    void theWebAppsOriginPassesThePreflightWithItsHeaders() {
        given().header("Origin", APP)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .when().options("/api/me/reviews/00000000-0000-0000-0000-000000000000")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("PUT"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("if-match"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("idempotency-key"));
    }

    @Test
    void theWebAppsOriginReadsTheAnswerAndItsHeaders() {
        given().header("Origin", APP).header("Authorization", ProjectionTest.organizer())
                .when().get("/api/events/cors-test/reviewers")
                // an event review-service has not seen: the problem details are readable by the app too
                .then().statusCode(404)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("etag"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("location"));
    }

    @Test
    void anotherOriginGetsNoCorsGrant() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/events/cors-test/reviewers")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Authorization", ProjectionTest.organizer())
                .when().get("/api/events/cors-test/reviewers")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
