package dev.lectern.submission.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: one record at a time, so memory depends on the longest record, not on
 * the file. Reads what spreadsheets export: an optional byte-order mark, CRLF, LF or CR line ends,
 * quoted fields with separators, doubled quotes and line breaks inside, and short or long rows.
 * Blank lines are skipped. Plain Java, no framework types.
 */
public final class CsvReader {

    /** One record and the physical line (1-based) where it starts. */
    public record Row(long line, List<String> fields) {
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

    private static final int BUFFER = 16 * 1024;

    private final Reader in;
    private final char separator;
    private final int maxFieldLength;
    private final char[] buffer = new char[BUFFER];
    private int position;
    private int limit;
    private boolean started;
    private long line = 1;

    public CsvReader(Reader in) {
        this(in, ',', 1 << 20);
    }

    /** @param maxFieldLength longest field accepted, so a missing closing quote cannot swallow the whole file into memory */
    public CsvReader(Reader in, char separator, int maxFieldLength) {
        this.in = in;
        this.separator = separator;
        this.maxFieldLength = maxFieldLength;
    }

    /** The physical line the reader is on (1-based). */
    public long line() {
        return line;
    }

    /** The next non-blank record, or null at the end of the input. */
    public Row next() throws IOException {
        while (true) {
            int first = peek();
            if (first < 0) {
                return null;
            }
            long start = line;
            List<String> fields = readRecord(start);
            if (fields.size() == 1 && fields.get(0).isEmpty() && !lastFieldQuoted) {
                continue;
            }
            return new Row(start, fields);
        }
    }

    private boolean lastFieldQuoted;

    private List<String> readRecord(long start) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            lastFieldQuoted = false;
            field.setLength(0);
            int c = read();
            if (c == '"') {
                lastFieldQuoted = true;
                readQuoted(field, start);
                c = read();
                if (c != separator && c != '\n' && c != '\r' && c >= 0) {
                    throw new CsvException(line, "unexpected character after a closing quote; a quote inside a quoted field is written twice (\"\")");
                }
            } else {
                while (c >= 0 && c != separator && c != '\n' && c != '\r') {
                    append(field, (char) c, start);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c == separator) {
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return fields;
        }
    }

    private void readQuoted(StringBuilder field, long start) throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvException(start, "a quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append(field, '"', start);
                    continue;
                }
                return;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
                append(field, '\n', start);
                continue;
            }
            if (c == '\n') {
                line++;
            }
            append(field, (char) c, start);
        }
    }

    private void append(StringBuilder field, char c, long start) throws CsvException {
        if (field.length() >= maxFieldLength) {
            throw new CsvException(start, "a field is longer than " + maxFieldLength + " characters");
        }
        field.append(c);
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
            if (!started) {
                started = true;
                if (buffer[0] == '\uFEFF') {
                    position = 1;
                    return peek();
                }
            }
        }
        return buffer[position];
    }
}
