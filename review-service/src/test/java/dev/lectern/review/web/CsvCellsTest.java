package dev.lectern.review.web;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @Test
    void aTitleThatIsAFormulaIsShownAsText() {
        assertEquals("'=HYPERLINK(\"http://x\",\"y\")", CsvCells.neutralise("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvCells.cell("=HYPERLINK(\"http://x\",\"y\")"));
    }

    @Test
    void everyFormulaLeaderIsNeutralised() {
        for (String value : List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "-cmd|' /C calc'!A0")) {
            assertEquals("'" + value, CsvCells.neutralise(value), value);
        }
    }

    @Test
    void ordinaryTextAndPlainNumbersAreLeftAlone() {
        assertEquals("How we built an OSPO", CsvCells.neutralise("How we built an OSPO"));
        assertEquals("开源合规 = 重要", CsvCells.neutralise("开源合规 = 重要"));
        assertEquals("-1.25", CsvCells.neutralise("-1.25"));
        assertEquals("3", CsvCells.neutralise("3"));
        assertEquals("", CsvCells.neutralise(null));
    }

    @Test
    void cellsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n",
                CsvCells.row(Arrays.asList("a", "b,c", "say \"hi\"", "two\nlines", null)));
    }

    @Test
    void numbersHaveAtMostFourDecimals() {
        assertEquals("3.6667", CsvCells.number(3.666666));
        assertEquals("4", CsvCells.number(4.0));
        assertEquals("", CsvCells.number(null));
    }
}
