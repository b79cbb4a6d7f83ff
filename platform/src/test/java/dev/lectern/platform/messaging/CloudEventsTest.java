package dev.lectern.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
