package dev.lectern.submission;

import dev.lectern.infra.TestInfrastructure;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tokens and request bodies the tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String bearer(String subject, String... groups) {
        return "Bearer " + TestInfrastructure.tokens().mint(subject, List.of(groups));
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
}
