package dev.lectern.infra;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** W3C traceparents for the tracing tests: a fresh one, as a caller would send it, and its parts. */
public final class Traceparents {

    private Traceparents() {
    }

    /** A sampled traceparent with a random trace id and span id. */
    public static String random() {
        HexFormat hex = HexFormat.of();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
    }

    /** Its trace id; fails (an assertion) on anything that is not a traceparent. */
    public static String traceId(String traceparent) {
        return parts(traceparent)[1];
    }

    /** Its span id; fails (an assertion) on anything that is not a traceparent. */
    public static String spanId(String traceparent) {
        return parts(traceparent)[2];
    }

    private static String[] parts(String traceparent) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        if (parts.length != 4) {
            throw new AssertionError("a traceparent: " + traceparent);
        }
        return parts;
    }
}
