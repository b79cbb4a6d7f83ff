package dev.lectern.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string Lectern refuses ({@link Text#refusal}); its path names the field, its code says why. */
public class RefusedText extends MismatchedInputException {

    private final String code;

    public RefusedText(JsonParser parser, String code) {
        super(parser, "text refused: " + code, String.class);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
