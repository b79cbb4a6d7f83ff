package dev.lectern.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reading a CloudEvent in Kafka's binary mode: the attributes are {@code ce_*} headers. */
public final class CloudEvents {

    /** The longest event id a consumer stores to apply each message once. */
    public static final int MAX_ID_LENGTH = 200;

    private CloudEvents() {
    }

    /** The last value of header {@code name} as UTF-8 text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Why the record is not a CloudEvent a Lectern consumer can take, or null when it is one: binary mode with
     * {@code ce_specversion} 1.0, {@code ce_id} (at most {@link #MAX_ID_LENGTH} characters) and {@code ce_type}.
     */
    public static String envelopeProblem(ConsumerRecord<?, ?> record) {
        String id = header(record, "ce_id");
        if (id == null || header(record, "ce_type") == null || !"1.0".equals(header(record, "ce_specversion"))) {
            return "not a CloudEvent in binary mode: ce_specversion 1.0, ce_id and ce_type are required";
        }
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            return "ce_id must have 1 to " + MAX_ID_LENGTH + " characters";
        }
        return null;
    }
}
