package dev.lectern.submission.importing;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader on jackson-dataformat-csv: one record at a time, so memory depends on the longest
 * field, not on the record or the file. Reads what spreadsheets export: an optional byte-order mark, CRLF, LF or CR
 * line ends, quoted fields with separators, doubled quotes and line breaks inside (read as LF), and short or long
 * rows. Blank lines are skipped. Each record carries the physical line (1-based) where it starts. A field longer than
 * the limit stops the reading (a missing closing quote cannot swallow the file into memory); a record with more
 * columns than the limit is read to its end without keeping the surplus, and says how many it had.
 * Plain Java, no framework types.
 */
public final class CsvReader {

    /**
     * One record, the physical line (1-based) where it starts, and how many columns it had: more than
     * {@code fields.size()} when it had more than the reader keeps.
     */
    public record Row(long line, List<String> fields, int columns) {
        public Row(long line, List<String> fields) {
            this(line, fields, fields.size());
        }

        /** Whether the record had more columns than the reader keeps. */
        public boolean tooManyColumns() {
            return columns > fields.size();
        }
    }

    /** The file is not well-formed CSV at {@code line}. */
    public static final class CsvException extends IOException {
        private final long line;

        public CsvException(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** The most columns a record keeps by default: far more than any header of an import can name. */
    public static final int MAX_COLUMNS = 1000;

    private final CsvParser parser;
    private final int maxFieldLength;
    private final int maxColumns;

    public CsvReader(Reader in) throws IOException {
        this(in, ',', 1 << 20, MAX_COLUMNS);
    }

    /** @param maxFieldLength longest field accepted, so a missing closing quote cannot swallow the whole file into memory */
    public CsvReader(Reader in, char separator, int maxFieldLength) throws IOException {
        this(in, separator, maxFieldLength, MAX_COLUMNS);
    }

    /** @param maxColumns the most columns a record keeps; the rest are read past, counted, and dropped */
    public CsvReader(Reader in, char separator, int maxFieldLength, int maxColumns) throws IOException {
        this.maxFieldLength = maxFieldLength;
        this.maxColumns = maxColumns;
        CsvFactory factory = CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxFieldLength).build())
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .build();
        this.parser = factory.createParser(withoutByteOrderMark(in));
        this.parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
    }

    /** The physical line the reader is on (1-based). */
    public long line() {
        return Math.max(1, parser.currentLocation().getLineNr());
    }

    /** The next non-blank record, or null at the end of the input. */
    public Row next() throws IOException {
        long start = line();
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new CsvException(line(), "unexpected " + token);
            }
            List<String> fields = new ArrayList<>();
            long first = -1;
            int columns = 0;
            while (true) {
                start = line();
                token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    break;
                }
                if (first < 0) {
                    first = parser.currentTokenLocation().getLineNr();
                }
                columns++;
                if (fields.size() < maxColumns) {
                    fields.add(lineFeeds(parser.getText()));
                }
            }
            return new Row(first < 0 ? start : first, fields, columns);
        } catch (StreamConstraintsException e) {
            throw new CsvException(start, "a field is longer than " + maxFieldLength + " characters");
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            if (problem.startsWith("Missing closing quote")) {
                throw new CsvException(start, "a quoted field is not closed before the end of the file");
            }
            if (problem.startsWith("Unexpected character")) {
                throw new CsvException(start, "unexpected character after a closing quote; a quote inside a quoted field is written twice (\"\")");
            }
            throw new CsvException(start, problem);
        }
    }

    /** A quoted field's line breaks as LF, whatever the file uses. */
    private static String lineFeeds(String value) {
        return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
