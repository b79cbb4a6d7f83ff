package dev.lectern.review.redaction;

import dev.lectern.review.redaction.IdentityScanner.Certainty;
import dev.lectern.review.redaction.IdentityScanner.Kind;
import dev.lectern.review.redaction.IdentityScanner.Match;
import dev.lectern.review.redaction.IdentityScanner.Speaker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the scanner finds once text is normalised, what it masks, and what it only flags. */
class IdentityScannerNormalisedTest {

    static final List<Speaker> YOLANDA = List.of(new Speaker("Yolanda Quarrington", "yolanda.q@example.org", "Acme Labs"));
    static final List<Speaker> MURONG = List.of(new Speaker("慕容复", "murong@example.cn", "燕子坞科技有限公司"));
    static final List<Speaker> WANG = List.of(new Speaker("王晓明", "wxm@example.cn", "北方研究院"));
    static final List<Speaker> HE_BO = List.of(new Speaker("Bo He", "bo.he@example.cn", "Somewhere"));
    static final List<Speaker> TOM_KING = List.of(new Speaker("Tom King", "tk@example.org", "Elsewhere"));

    static List<Match> scan(String text, List<Speaker> speakers) {
        return IdentityScanner.scan(IdentityScanner.fields(text, "", null, List.of()), speakers);
    }

    static List<Match> certain(List<Match> matches) {
        return matches.stream().filter(m -> m.certainty() == Certainty.CERTAIN).toList();
    }

    static List<Match> uncertain(List<Match> matches) {
        return matches.stream().filter(m -> m.certainty() == Certainty.UNCERTAIN).toList();
    }

    @Test
    void aNameSplitByAnInvisibleCharacterIsMaskedAndTheRestOfTheTextKeptAsWritten() {
        assertEquals("Talk by [redacted], Ｆｕｌｌ ｗｉｄｔｈ stays.",
                IdentityScanner.mask("Talk by Yolanda Quar\u200Brington, Ｆｕｌｌ ｗｉｄｔｈ stays.", YOLANDA));
        assertEquals("By [redacted].", IdentityScanner.mask("By Yo\u00ADlanda Quarrington.", YOLANDA));
        assertEquals("By [redacted].", IdentityScanner.mask("By ＹＯＬＡＮＤＡ　ＱＵＡＲＲＩＮＧＴＯＮ.", YOLANDA));
        assertEquals("【[redacted]】", IdentityScanner.mask("【慕容\u200B復】", MURONG));
    }

    @Test
    void aNameInTraditionalCharactersIsTheSameName() {
        assertEquals("[redacted]的分享", IdentityScanner.mask("慕容復的分享", MURONG));
        assertEquals("来自[redacted]的经验", IdentityScanner.mask("来自燕子塢科技有限公司的经验", MURONG));
        assertTrue(scan("慕容復的分享", MURONG).contains(new Match("title", Kind.SPEAKER_NAME, "慕容复")));
    }

    @Test
    void obfuscatedEmailsAreMasked() {
        for (String written : List.of("yolanda.q@example.org", "yolanda.q(at)example.org", "yolanda.q [at] example dot org",
                "yolanda dot q at example dot org", "YOLANDA.Q＠EXAMPLE.ORG", "yolanda.q {at} example (dot) org",
                "yolanda.q<at>example[dot]org")) {
            assertEquals("mail [redacted] now", IdentityScanner.mask("mail " + written + " now", YOLANDA), written);
        }
        // Another address that only contains the speaker's is not theirs.
        assertEquals("mail xyolanda.q@example.organic", IdentityScanner.mask("mail xyolanda.q@example.organic", YOLANDA));
    }

    @Test
    void anInitialWithTheSurnameIsFlaggedAsUncertainAndNotMasked() {
        for (String written : List.of("Y. Quarrington", "Y Quarrington", "Y.Quarrington", "Quarrington, Y.", "y. quarrington")) {
            List<Match> matches = scan("As " + written + " showed", YOLANDA);
            assertEquals(List.of(new Match("title", Kind.NAME_WITH_INITIAL, "Yolanda Quarrington", Certainty.UNCERTAIN)),
                    matches, written);
            assertEquals("As " + written + " showed", IdentityScanner.mask("As " + written + " showed", YOLANDA));
        }
        // Family name first (Chinese order): M. Han for Han Meimei.
        assertTrue(scan("see M. Han 2021", List.of(new Speaker("Han Meimei", null, null)))
                .contains(new Match("title", Kind.NAME_WITH_INITIAL, "Han Meimei", Certainty.UNCERTAIN)));
        // Another initial is someone else.
        assertTrue(uncertain(scan("As P. Quarrington showed", YOLANDA)).stream()
                .noneMatch(m -> m.kind() == Kind.NAME_WITH_INITIAL));
    }

    @Test
    void aSurnameAloneIsFlaggedAsUncertainOnlyWhenWrittenAsAName() {
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "Yolanda Quarrington", Certainty.UNCERTAIN)),
                scan("Quarrington's team built it", YOLANDA));
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "Yolanda Quarrington", Certainty.UNCERTAIN)),
                scan("Ask Quar\u200Brington", YOLANDA));
        // Lower case is a word, not a name; inside a longer word it is not there at all.
        assertEquals(List.of(), scan("the quarrington method", YOLANDA));
        assertEquals(List.of(), scan("Quarringtonian studies", YOLANDA));
        assertEquals("Quarrington's team", IdentityScanner.mask("Quarrington's team", YOLANDA));
    }

    @Test
    void everydayWordsThatAreAlsoNamePartsAreNotSearchedAlone() {
        assertEquals(List.of(), scan("He said it was a long talk", HE_BO));
        assertEquals(List.of(), scan("He built it. King of the hill.", TOM_KING));
        // Their full names still are, and masked.
        assertEquals("Talk by [redacted].", IdentityScanner.mask("Talk by Bo He.", HE_BO));
        assertEquals("Talk by [redacted].", IdentityScanner.mask("Talk by He Bo.", HE_BO));
        assertEquals("[redacted] again", IdentityScanner.mask("TOM KING again", TOM_KING));
        // The other part, not an everyday word, is flagged alone.
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "Tom King", Certainty.UNCERTAIN)), scan("Ask Tom", TOM_KING));
    }

    @Test
    void aChineseFamilyNameCountsOnlyWithATitleAndAGivenNameOfTwoCharactersAlone() {
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "王晓明", Certainty.UNCERTAIN)), scan("感谢王老师的指导", WANG));
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "王晓明", Certainty.UNCERTAIN)), scan("小王负责", WANG));
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "王晓明", Certainty.UNCERTAIN)), scan("晓明说", WANG));
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "王晓明", Certainty.UNCERTAIN)), scan("曉明說", WANG));
        // A family name alone is everywhere: 王国, 国王.
        assertEquals(List.of(), scan("开源王国与国王", WANG));
        // A compound family name is the family name: 慕容 with a title, and a one-character given name is not searched.
        assertEquals(List.of(new Match("title", Kind.NAME_PART, "慕容复", Certainty.UNCERTAIN)), scan("慕容先生", MURONG));
        assertEquals(List.of(), scan("复盘与恢复", MURONG));
        // The full name is certain and masked, not reported again as a part.
        assertEquals(List.of(new Match("title", Kind.SPEAKER_NAME, "王晓明")), scan("王晓明老师", WANG));
        assertEquals("[redacted]老师", IdentityScanner.mask("王晓明老师", WANG));
    }

    @Test
    void mixedLatinAndChineseTextFindsBoth() {
        List<Speaker> speakers = List.of(new Speaker("Yolanda Quarrington", "yq@example.org", "Acme Labs"),
                new Speaker("慕容复", "mr@example.cn", "燕子坞科技"));
        String text = "Yolanda Quarrington 与 慕容復 在 ACME LABS, Inc. 和燕子塢科技的工作";
        assertEquals("[redacted] 与 [redacted] 在 [redacted] 和[redacted]的工作", IdentityScanner.mask(text, speakers));
        assertEquals(4, certain(scan(text, speakers)).size(), scan(text, speakers).toString());
    }

    @Test
    void textThatNamesNoOneIsUnchangedEvenWithInvisibleCharacters() {
        String text = "Ｆｕｌｌ\u200B width and soft\u00ADhyphen, 開源";
        assertEquals(text, IdentityScanner.mask(text, YOLANDA));
        assertEquals(List.of(), scan(text, YOLANDA));
    }
}
