package dev.lectern.submission;

import dev.lectern.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
class ThinPathTest {

    @Test
    void submittedProposalReachesKafkaAsCloudEvent() {
        String slug = Fixtures.uniqueSlug("thin");
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON)
                .body(Fixtures.event(slug))
                .when().post("/api/events")
                .then().statusCode(201).body("slug", equalTo(slug)).body("cfpOpen", equalTo(true));

        String id = given().header("Authorization", Fixtures.speaker("lilei@example.com")).contentType(ContentType.JSON)
                .body(Fixtures.talk("lilei@example.com"))
                .when().post("/api/events/" + slug + "/proposals")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("SUBMITTED"))
                .body("version", equalTo(1))
                .extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord("cfp.proposals", id);
        assertEquals("dev.lectern.proposal.submitted.v1", header(record, "ce_type"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals(id, header(record, "ce_subject"));
        assertTrue(record.value().contains("\"version\":1"), record.value());
        assertTrue(record.value().contains("开源合规实践"), record.value());
        UUID.fromString(header(record, "ce_id"));
    }

    /** Tracing is off unless switched on (TracingTest): a caller's trace context is neither stored nor sent on. */
    @Test
    void withTracingOffAMessageCarriesNoTraceContext() {
        String slug = Fixtures.createEvent("untraced");
        String id = given().header("Authorization", Fixtures.speaker("untraced@example.com"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body(Fixtures.talk("untraced@example.com"))
                .when().post("/api/events/" + slug + "/proposals")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord("cfp.proposals", id);
        assertNull(header(record, "ce_traceparent"));
        assertNull(header(record, "traceparent"));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        return fail("no message with key " + key + " on " + topic);
    }
}
