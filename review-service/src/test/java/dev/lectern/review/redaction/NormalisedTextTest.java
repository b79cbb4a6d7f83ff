package dev.lectern.review.redaction;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalisedTextTest {

    @Test
    void invisibleCharactersInsideAWordAreGone() {
        assertEquals("quarrington", NormalisedText.normalise("Quar\u200Brington"));
        assertEquals("quarrington", NormalisedText.normalise("Quar\u00ADring\u00ADton"));
        assertEquals("quarrington", NormalisedText.normalise("\uFEFFQuarr\u200Dington\u2060"));
        assertEquals("wangxiaoming", NormalisedText.normalise("Wang\u200Cxiao\u202Eming"));
        assertEquals("李雷", NormalisedText.normalise("李\u200B雷"));
    }

    @Test
    void caseFullWidthAndCompatibilityFormsFold() {
        assertEquals("han meimei", NormalisedText.normalise("ＨＡＮ　ＭＥＩＭＥＩ"));
        assertEquals("strasse", NormalisedText.normalise("STRAßE"));
        assertEquals("wang.xiaoming@speaker.test", NormalisedText.normalise("Wang.Xiaoming＠Speaker．Test"));
        assertEquals("fi", NormalisedText.normalise("\uFB01"));
    }

    @Test
    void accentsFoldOnLatinLetters() {
        assertEquals("muller jose", NormalisedText.normalise("Müller José"));
        assertEquals("muller jose", NormalisedText.normalise("Mu\u0308ller Jose\u0301"));
        assertEquals("nguyen", NormalisedText.normalise("Nguyễn"));
    }

    @Test
    void traditionalChineseBecomesSimplified() {
        assertEquals("慕容复", NormalisedText.normalise("慕容復"));
        assertEquals("台湾开源", NormalisedText.normalise("臺灣開源"));
        assertEquals(NormalisedText.normalise("北方研究院"), NormalisedText.normalise("北方研究院"));
        assertEquals("示例科技有限公司", NormalisedText.normalise("示例科技有限公司"));
        // Simplified text and text without Chinese stay as they are.
        assertEquals("我们如何建立开源项目办公室", NormalisedText.normalise("我们如何建立开源项目办公室"));
    }

    @Test
    void everyNormalisedCharacterPointsBackToWhereItWasWritten() {
        String original = "Talk by Ｙ.\u200BQuar\u00ADrington, 慕容復 and Mu\u0308ller";
        NormalisedText text = NormalisedText.of(original);
        int name = text.text().indexOf("quarrington");
        assertEquals("Quar\u00ADrington", original.substring(text.originalStart(name), text.originalEnd(name + 11)));
        int initial = text.text().indexOf("y.");
        assertEquals("Ｙ.", original.substring(text.originalStart(initial), text.originalEnd(initial + 2)));
        int chinese = text.text().indexOf("慕容复");
        assertEquals("慕容復", original.substring(text.originalStart(chinese), text.originalEnd(chinese + 3)));
        int muller = text.text().indexOf("muller");
        assertEquals("Mu\u0308ller", original.substring(text.originalStart(muller), text.originalEnd(muller + 6)));
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertEquals("", NormalisedText.normalise(null));
        assertEquals("", NormalisedText.normalise(""));
        assertEquals("", NormalisedText.normalise("\u200B\u00AD"));
    }
}
