package dev.lectern.platform.web;

/**
 * What text Lectern refuses wherever it comes in (JSON fields, query parameters, path segments, import rows):
 * a NUL character, which PostgreSQL cannot store in text, and a lone UTF-16 surrogate, which is not a character
 * and would be stored as "?". Pure logic.
 */
public final class Text {

    /** The field error code for text with a NUL character. */
    public static final String NUL = "nul-character";
    /** The field error code for text with a lone surrogate. */
    public static final String LONE_SURROGATE = "invalid-character";

    private Text() {
    }

    /** Why {@code text} is refused ({@link #NUL} or {@link #LONE_SURROGATE}), or null when it is fine. */
    public static String refusal(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return NUL;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return LONE_SURROGATE;
                }
            } else if (Character.isLowSurrogate(c)) {
                return LONE_SURROGATE;
            }
        }
        return null;
    }
}
