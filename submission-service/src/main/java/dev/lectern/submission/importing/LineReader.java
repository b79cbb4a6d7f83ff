package dev.lectern.submission.importing;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one line (LF, CRLF or CR) of at most {@code max} characters. */
final class LineReader {

    private LineReader() {
    }

    static String readLine(BufferedReader in, int max, long lineNumber) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        if (lineNumber == 1 && c == '\uFEFF') {
            c = in.read();
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() >= max) {
                throw new ImportFileException("import-malformed", lineNumber, "line " + lineNumber + " is longer than " + max + " characters");
            }
            line.append((char) c);
            c = in.read();
        }
        if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return line.toString();
    }
}
