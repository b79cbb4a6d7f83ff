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
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aRecordWithMoreColumnsThanTheLimitIsReadPastCountedAndNotKept() throws IOException {
        // A million columns on one line, produced as it is read: the reader keeps ten of them.
        Reader million = new GeneratedReader("a,b\n1", ",x", 1_000_000, "\n2,3\n");
        List<Row> rows = drain(new CsvReader(million, ',', 1 << 20, 10));
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(1).line());
        assertEquals(1_000_001, rows.get(1).columns());
        assertEquals(10, rows.get(1).fields().size());
        assertTrue(rows.get(1).tooManyColumns());
        assertEquals(new Row(3, List.of("2", "3")), rows.get(2));
    }

    @Test
    void aLineOfFifteenMegabytesInOneFieldIsRefusedAtItsLineWithoutBeingKept() {
        Reader huge = new GeneratedReader("a,b\n1,2\n\"", "y", 15 * 1024 * 1024, "\"\n");
        CsvException e = assertThrows(CsvException.class, () -> drain(new CsvReader(huge)));
        assertEquals(3, e.line());
    }

    @Test
    void aQuotedFieldWithCarriageReturnsReadsThemAsLineFeedsAndCountsLines() throws IOException {
        List<Row> rows = all("\"m\rn\",o\r\"p\r\nq\"\rlast");
        assertEquals(List.of(new Row(1, List.of("m\nn", "o")), new Row(3, List.of("p\nq")), new Row(5, List.of("last"))), rows);
    }

    /** {@code head}, then {@code unit} {@code times} over, then {@code tail}, made as it is read: nothing held whole. */
    static final class GeneratedReader extends Reader {
        private final String head;
        private final String unit;
        private final String tail;
        private final long length;
        private long position;

        GeneratedReader(String head, String unit, int times, String tail) {
            this.head = head;
            this.unit = unit;
            this.tail = tail;
            this.length = head.length() + (long) unit.length() * times + tail.length();
        }

        @Override
        public int read(char[] buffer, int offset, int count) {
            if (position == length) {
                return -1;
            }
            int n = 0;
            while (n < count && position < length) {
                buffer[offset + n++] = charAt(position++);
            }
            return n;
        }

        private char charAt(long i) {
            if (i < head.length()) {
                return head.charAt((int) i);
            }
            long body = length - head.length() - tail.length();
            long j = i - head.length();
            return j < body ? unit.charAt((int) (j % unit.length())) : tail.charAt((int) (j - body));
        }

        @Override
        public void close() {
        }
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
