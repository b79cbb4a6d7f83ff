package dev.lectern.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The thin path, over HTTP and Kafka between two real service processes. */
class ThinPathIT extends BothServices {

    @Test
    void organizerReadsInReviewServiceWhatASpeakerSubmitted() {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        String speaker = stack.bearer("lilei@example.com", "speaker");
        String id = Api.submit(submission.baseUrl(), speaker, slug,
                        Api.talk("如何从 0 到 1 构建 OSPO", "lilei@example.com", "ospo-experience"), null)
                .then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().baseUri(review.baseUrl()).header("Authorization", organizer)
                        .get("/api/events/" + slug + "/proposals")
                        .then().statusCode(200)
                        .body("", hasSize(1))
                        .body("[0].id", equalTo(id))
                        .body("[0].title", equalTo("如何从 0 到 1 构建 OSPO"))
                        .body("[0].speakers", nullValue()));
    }
}
