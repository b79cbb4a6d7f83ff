package dev.lectern.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.rate-limit.enabled", "true",
                    "lectern.rate-limit.submissions.burst", "3",
                    "lectern.rate-limit.submissions.per-second", "0.001",
                    "lectern.rate-limit.anonymous.burst", "5",
                    "lectern.rate-limit.anonymous.per-second", "0.001");
        }
    }

    @Test
    void aFloodOfSubmissionsGets429WithRetryAfter() {
        String slug = Fixtures.uniqueSlug("flood");
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON)
                .body(Fixtures.event(slug)).post("/api/events").then().statusCode(201);
        String speaker = Fixtures.speaker("flood@example.com");
        int created = 0;
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            var response = given().header("Authorization", speaker).contentType(ContentType.JSON)
                    .body(Fixtures.talk("flood@example.com")).post("/api/events/" + slug + "/proposals");
            if (response.statusCode() == 201) {
                created++;
            } else {
                response.then().statusCode(429).header("Retry-After", notNullValue())
                        .contentType("application/problem+json").body("code", equalTo("too-many-requests"));
                limited++;
            }
        }
        assertEquals(3, created);
        assertEquals(3, limited);
    }

    @Test
    void spoofingXForwardedForDoesNotEscapeTheLimitWithoutATrustedProxy() {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            int status = given().header("X-Forwarded-For", "203.0.113." + i).get("/api/events").statusCode();
            if (status == 429) {
                limited++;
            }
        }
        // 5 allowed in the burst (shared with the other test at most), the rest refused whatever the header says.
        org.junit.jupiter.api.Assertions.assertTrue(limited >= 3, "limited " + limited);
    }
}
