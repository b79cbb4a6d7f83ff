package dev.lectern.submission;

import dev.lectern.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Tokens and request bodies the tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String bearer(String subject, String... groups) {
        return "Bearer " + TestInfrastructure.tokens().mint(subject, List.of(groups));
    }

    /** A token whose subject is an account id and whose email claim is how co-speakers are recognised. */
    public static String bearerWithEmail(String subject, String email, String... groups) {
        return "Bearer " + TestInfrastructure.tokens().mint(subject, List.of(groups), email, null, java.time.Duration.ofHours(1));
    }

    public static String organizer() {
        return bearer("organizer@lectern.test", "organizer");
    }

    public static String speaker(String email) {
        return bearer(email, "speaker");
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An event whose CFP is open now: OSPOCon China's tracks and formats, shortened. */
    public static Map<String, Object> event(String slug) {
        return event(slug, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1),
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30));
    }

    public static Map<String, Object> event(String slug, OffsetDateTime opens, OffsetDateTime closes) {
        return Map.of(
                "slug", slug,
                "name", Map.of("en", "OSPOCon China 2023", "zh", "OSPOCon 中国 2023"),
                "timeZone", "Asia/Shanghai",
                "cfpOpensAt", opens.toString(),
                "cfpClosesAt", closes.toString(),
                "tracks", List.of(
                        Map.of("slug", "ospo-experience", "name", Map.of("en", "OSPO experience sharing", "zh", "OSPO 经验分享")),
                        Map.of("slug", "compliance-legal", "name", Map.of("en", "Compliance and legal", "zh", "合规与法律"))),
                "formats", List.of(
                        Map.of("slug", "talk", "name", Map.of("en", "Single talk", "zh", "主题演讲"),
                                "durationMinutes", 30, "minSpeakers", 1, "maxSpeakers", 1),
                        Map.of("slug", "debate", "name", Map.of("en", "Two-person debate", "zh", "双人辩论"),
                                "durationMinutes", 40, "minSpeakers", 2, "maxSpeakers", 2),
                        Map.of("slug", "panel", "name", Map.of("en", "Roundtable panel", "zh", "圆桌讨论"),
                                "durationMinutes", 45, "minSpeakers", 3, "maxSpeakers", 6)),
                "languages", List.of("zh", "en"));
    }

    public static Map<String, Object> talk(String speakerEmail) {
        return Map.of(
                "title", "开源合规实践：从零到一 / Open source compliance from zero to one",
                "abstract", "我们如何在一家大型企业建立开源项目办公室。How we built an OSPO.",
                "format", "talk",
                "track", "compliance-legal",
                "language", "zh",
                "tags", List.of("compliance", "合规"),
                "speakers", List.of(Map.of("name", "李雷", "email", speakerEmail, "affiliation", "示例科技有限公司")));
    }

    /** A talk with these speakers (the first is the submitter); format, track and language as given. */
    public static Map<String, Object> proposal(String title, String format, String track, String language,
                                               List<Map<String, Object>> speakers) {
        return Map.of(
                "title", title,
                "abstract", "Abstract of " + title,
                "format", format,
                "track", track,
                "language", language,
                "speakers", speakers);
    }

    public static Map<String, Object> person(String name, String email) {
        return Map.of("name", name, "email", email, "affiliation", "Example Org");
    }

    /** Creates an event whose CFP is open now; returns its slug. */
    public static String createEvent(String prefix) {
        String slug = uniqueSlug(prefix);
        createEvent(event(slug));
        return slug;
    }

    public static void createEvent(Map<String, Object> event) {
        given().header("Authorization", organizer()).contentType(ContentType.JSON).body(event)
                .when().post("/api/events")
                .then().statusCode(201);
    }

    public static ValidatableResponse post(String token, String path, Object body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    /** Submits a proposal and returns its id. */
    public static String submit(String eventSlug, String speakerEmail, Map<String, Object> body) {
        return post(speaker(speakerEmail), "/api/events/" + eventSlug + "/proposals", body)
                .statusCode(201).extract().path("id");
    }
}
