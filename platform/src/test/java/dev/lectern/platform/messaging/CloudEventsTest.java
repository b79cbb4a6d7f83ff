package dev.lectern.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudEventsTest {

    private static ConsumerRecord<String, byte[]> record(String id) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("cfp.decisions", 0, 0, "key", new byte[0]);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "dev.lectern.proposal.accepted.v1".getBytes(StandardCharsets.UTF_8));
        if (id != null) {
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void aBinaryModeCloudEventIsTaken() {
        assertNull(CloudEvents.envelopeProblem(record("0b1c")));
        assertEquals("0b1c", CloudEvents.header(record("0b1c"), "ce_id"));
    }

    @Test
    void anIdLongerThanConsumersStoreIsRefusedBeforeTheDatabaseSeesIt() {
        assertEquals("ce_id must have 1 to 200 characters", CloudEvents.envelopeProblem(record("x".repeat(201))));
        assertNotNull(CloudEvents.envelopeProblem(record(null)));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SOURCES = List.of("/lectern/review-service");

    private static ConsumerRecord<String, byte[]> event(String source, String data) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("cfp.decisions", 0, 0, "key",
                data == null ? null : data.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "dev.lectern.proposal.accepted.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "0b1c".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", "p-1".getBytes(StandardCharsets.UTF_8));
        if (source != null) {
            record.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String refusal(ConsumerRecord<String, byte[]> record) {
        return assertThrows(CloudEvents.Refused.class, () -> CloudEvents.read(record, SOURCES, MAPPER)).getMessage();
    }

    @Test
    void anEventFromAnAllowedSourceIsReadWithItsAttributesAndData() {
        CloudEvents.Incoming event = CloudEvents.read(event("/lectern/review-service", "{\"a\": 1}"), SOURCES, MAPPER);
        assertEquals("0b1c", event.id());
        assertEquals("dev.lectern.proposal.accepted.v1", event.type());
        assertEquals("p-1", event.subject());
        assertEquals(1, event.data().get("a").asInt());
    }

    @Test
    void whatCanNeverBeReadIsRefusedSayingWhy() {
        assertEquals("ce_source 'null' is not an allowed producer of cfp.decisions (lectern.kafka.allowed-sources)",
                refusal(event(null, "{}")));
        assertEquals("ce_source '/elsewhere' is not an allowed producer of cfp.decisions (lectern.kafka.allowed-sources)",
                refusal(event("/elsewhere", "{}")));
        assertEquals("message has no data", refusal(event("/lectern/review-service", null)));
        assertEquals("data is not JSON", refusal(event("/lectern/review-service", "{no")));
        assertEquals("data is not a JSON object", refusal(event("/lectern/review-service", "[1]")));
        ConsumerRecord<String, byte[]> noId = record(null);
        assertEquals(CloudEvents.envelopeProblem(noId), refusal(noId));
    }
}
