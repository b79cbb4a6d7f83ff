package dev.lectern.submission.importing;

import dev.lectern.submission.importing.CsvReader.CsvException;
import dev.lectern.submission.importing.CsvReader.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest {

    @Test
    void readsHeaderAndRowsWithCrlf() throws IOException {
        List<Row> rows = all("a,b,c\r\n1,2,3\r\n");
        assertEquals(List.of(new Row(1, List.of("a", "b", "c")), new Row(2, List.of("1", "2", "3"))), rows);
    }

    @Test
    void skipsByteOrderMark() throws IOException {
        assertEquals(List.of("title", "x"), all("\uFEFFtitle,x\n").get(0).fields());
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<Row> rows = all("id,text,n\r\n1,\"a, b \"\"quoted\"\"\r\nsecond line\",x\r\n2,plain,y\r\n");
        assertEquals(List.of("1", "a, b \"quoted\"\nsecond line", "x"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(4, rows.get(2).line(), "the record after a two-line field starts on physical line 4");
    }

    @Test
    void chineseTextAndEmptyTrailingColumns() throws IOException {
        List<Row> rows = all("标题,讲者,,\n开源合规实践：从零到一,李雷,,\n");
        assertEquals(List.of("开源合规实践：从零到一", "李雷", "", ""), rows.get(1).fields());
    }

    @Test
    void lastLineWithoutLineBreakAndBlankLines() throws IOException {
        List<Row> rows = all("a\n\n\r\nb");
        assertEquals(List.of(new Row(1, List.of("a")), new Row(4, List.of("b"))), rows);
    }

    @Test
    void quotedEmptyFieldIsARecord() throws IOException {
        assertEquals(List.of(""), all("\"\"\n").get(0).fields());
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpened() {
        CsvException e = assertThrows(CsvException.class, () -> all("a\n\"never closed\nmore\n"));
        assertEquals(2, e.line());
    }

    @Test
    void textAfterClosingQuoteIsRefused() {
        assertThrows(CsvException.class, () -> all("\"a\"b,c\n"));
    }

    @Test
    void fieldLongerThanTheLimitIsRefused() {
        assertThrows(CsvException.class, () -> drain(new CsvReader(new StringReader("\"" + "x".repeat(100)), ',', 10)));
    }

    @Test
    void readsAcrossBufferBoundaries() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(",\"line one\r\nline, two\"\r\n");
        }
        // A reader that hands out one to seven characters at a time.
        Reader trickle = new Reader() {
            final StringReader inner = new StringReader(csv.toString());
            int n;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                return inner.read(buf, off, Math.min(len, 1 + (n++ % 7)));
            }

            @Override
            public void close() {
            }
        };
        List<Row> rows = drain(new CsvReader(trickle));
        assertEquals(5000, rows.size());
        assertEquals(new Row(9999, List.of("4999", "line one\nline, two")), rows.get(4999));
    }

    @Test
    void emptyInputHasNoRows() throws IOException {
        assertNull(new CsvReader(new StringReader("")).next());
        assertNull(new CsvReader(new StringReader("\uFEFF")).next());
    }

    private static List<Row> all(String csv) throws IOException {
        return drain(new CsvReader(new StringReader(csv)));
    }

    private static List<Row> drain(CsvReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
