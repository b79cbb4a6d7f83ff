package dev.lectern.submission.importing;

import java.io.IOException;

/**
 * The file as a whole cannot be read on from {@code line}: not in the named encoding, not well-formed
 * CSV or JSON, or an unknown CSV column. Records before it have been processed; nothing after it can be.
 */
public class ImportFileException extends IOException {

    private final String code;
    private final long line;

    public ImportFileException(String code, long line, String message) {
        super(message);
        this.code = code;
        this.line = line;
    }

    public String code() {
        return code;
    }

    public long line() {
        return line;
    }
}
