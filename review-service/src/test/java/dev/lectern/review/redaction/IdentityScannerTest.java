package dev.lectern.review.redaction;

import dev.lectern.review.redaction.IdentityScanner.Kind;
import dev.lectern.review.redaction.IdentityScanner.Match;
import dev.lectern.review.redaction.IdentityScanner.Speaker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityScannerTest {

    static final List<Speaker> SPEAKERS = List.of(
            new Speaker("Han Meimei", "meimei@example.com", "Example Tech Co., Ltd."),
            new Speaker("李雷", "lilei@example.cn", "示例科技有限公司"));

    @Test
    void aSpeakersNameOrAffiliationInTheTextIsFlaggedInEnglishAndChinese() {
        List<Match> matches = IdentityScanner.scan(IdentityScanner.fields(
                "How EXAMPLE TECH built its OSPO",
                "李雷 在示例科技的经验。Meimei Han shares lessons.",
                "Write to meimei@example.com",
                List.of("example-tech")), SPEAKERS);

        assertTrue(matches.contains(new Match("title", Kind.AFFILIATION, "Example Tech Co., Ltd.")), matches.toString());
        assertTrue(matches.contains(new Match("abstract", Kind.SPEAKER_NAME, "李雷")));
        assertTrue(matches.contains(new Match("abstract", Kind.AFFILIATION, "示例科技有限公司")));
        assertTrue(matches.contains(new Match("abstract", Kind.SPEAKER_NAME, "Han Meimei")));
        assertTrue(matches.contains(new Match("description", Kind.SPEAKER_EMAIL, "meimei@example.com")));
        assertTrue(matches.contains(new Match("tags[0]", Kind.AFFILIATION, "Example Tech Co., Ltd.")));
    }

    @Test
    void wordsThatOnlyContainTheNameAreNotFlagged() {
        List<Match> matches = IdentityScanner.scan(IdentityScanner.fields(
                "Example technology for the hand of OSPOs", "Nothing about anyone.", null, List.of()), SPEAKERS);
        assertTrue(matches.isEmpty(), matches.toString());
    }

    @Test
    void maskingRemovesEveryMentionIncludingTheLegalForm() {
        String masked = IdentityScanner.mask("At Example Tech Co., Ltd. and 示例科技有限公司, 李 雷 and HAN  MEIMEI", SPEAKERS);
        assertFalse(masked.toLowerCase().contains("example"), masked);
        assertFalse(masked.contains("示例") || masked.contains("雷") || masked.toLowerCase().contains("meimei"), masked);
        assertFalse(masked.contains("Ltd") || masked.contains("有限公司"), masked);
        assertEquals("Nothing to hide", IdentityScanner.mask("Nothing to hide", SPEAKERS));
    }
}
