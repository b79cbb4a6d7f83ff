package dev.lectern.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls the services the way a frontend does. */
public final class Api {

    private Api() {
    }

    public static String createEvent(String baseUrl, String organizer) {
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(baseUrl).header("Authorization", organizer).contentType(ContentType.JSON)
                .body(event(slug)).post("/api/events").then().statusCode(201);
        return slug;
    }

    /** An event with two tracks and one format (single talk), its CFP open for the next 30 days. */
    public static Map<String, Object> event(String slug) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        return Map.of(
                "slug", slug,
                "name", Map.of("en", "OSPOCon China 2023", "zh", "OSPOCon 中国 2023"),
                "timeZone", "Asia/Shanghai",
                "cfpOpensAt", now.minusDays(1).toString(),
                "cfpClosesAt", now.plusDays(30).toString(),
                "tracks", List.of(
                        Map.of("slug", "ospo-experience", "name", Map.of("en", "OSPO experience sharing", "zh", "OSPO 经验分享")),
                        Map.of("slug", "compliance-legal", "name", Map.of("en", "Compliance and legal", "zh", "合规与法律"))),
                "formats", List.of(Map.of("slug", "talk", "name", Map.of("en", "Single talk", "zh", "主题演讲"),
                        "durationMinutes", 30, "minSpeakers", 1, "maxSpeakers", 1)),
                "languages", List.of("zh", "en"));
    }

    /** Review settings: two criteria (content weighs double), scores 1 to 20, two reviews per proposal. */
    public static Map<String, Object> reviewSettings() {
        return Map.of(
                "criteria", List.of(
                        Map.of("key", "content", "name", Map.of("en", "Content", "zh", "内容"), "weight", 2, "min", 1, "max", 20),
                        Map.of("key", "clarity", "name", Map.of("en", "Clarity", "zh", "清晰度"), "weight", 1, "min", 1, "max", 20)),
                "reviewsPerProposal", 2,
                "phase", "OPEN");
    }

    /** A single talk by one speaker of their own. */
    public static Map<String, Object> talk(String title, String track, String name, String email, String affiliation) {
        return Map.of(
                "title", title,
                "abstract", "我们如何在一家大型企业建立开源项目办公室。How we built an OSPO.",
                "format", "talk",
                "track", track,
                "language", "zh",
                "tags", List.of("ospo"),
                "speakers", List.of(Map.of("name", name, "email", email, "affiliation", affiliation)));
    }

    public static Map<String, Object> talk(String title, String email, String track) {
        return talk(title, track, "李雷", email, "示例科技有限公司");
    }

    public static Response submit(String baseUrl, String speaker, String slug, Map<String, Object> body, String idempotencyKey) {
        var request = given().baseUri(baseUrl).header("Authorization", speaker).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/events/" + slug + "/proposals");
    }
}
