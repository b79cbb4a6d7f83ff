package dev.lectern.review.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV for organizers' spreadsheets (RFC 4180, CRLF line ends). A cell that begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '}, so that a spreadsheet shows
 * it as text rather than running it as a formula: titles and names come from speakers. A plain number is
 * left as it is, since it cannot be a formula. Plain Java.
 */
public final class CsvCells {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CsvCells() {
    }

    /** The cell's text made safe to open in a spreadsheet; null is an empty cell. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || NUMBER.matcher(value).matches()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** One cell, neutralised, then quoted if it holds a comma, a quote or a line break. */
    public static String cell(Object value) {
        String text = neutralise(value == null ? null : value.toString());
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** One line of cells, ending in CRLF. */
    public static String row(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(values.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** A number with up to four decimals, as spreadsheets read it; null is an empty cell. */
    public static String number(Double value) {
        return value == null ? "" : java.math.BigDecimal.valueOf(value)
                .setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
