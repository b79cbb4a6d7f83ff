package dev.lectern.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

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

    /** A CloudEvent a consumer may take: its attributes, and its data as a JSON object. */
    public record Incoming(String id, String type, String subject, JsonNode data) {
    }

    /** Why a record can never be taken, whatever is retried: the consumer dead-letters it with this reason. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Reads a record as a CloudEvent from one of {@code allowedSources} ({@code ce_source}) with a JSON object as
     * data, or refuses it, saying what is wrong.
     */
    public static Incoming read(ConsumerRecord<?, byte[]> record, Collection<String> allowedSources, ObjectMapper mapper) {
        String refusal = envelopeProblem(record);
        if (refusal != null) {
            throw new Refused(refusal);
        }
        String source = header(record, "ce_source");
        if (source == null || !allowedSources.contains(source)) {
            throw new Refused("ce_source '" + source + "' is not an allowed producer of " + record.topic()
                    + " (lectern.kafka.allowed-sources)");
        }
        if (record.value() == null) {
            throw new Refused("message has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(record.value());
        } catch (IOException e) {
            throw new Refused("data is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw new Refused("data is not a JSON object");
        }
        return new Incoming(header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_subject"), data);
    }
}
