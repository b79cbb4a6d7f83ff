package dev.lectern.e2e.fault;

import dev.lectern.e2e.Api;
import dev.lectern.e2e.Stack;
import dev.lectern.e2e.Topics;
import dev.lectern.infra.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression test for what the fault suite found: a relay that died (or lost its database) after Kafka
 * acknowledged a batch and before marking it sent left the rows unsent, and the next relay sent them
 * again, so a proposal's versions 1, 2 appeared on {@code cfp.proposals} as 1, 2, 1, 2. A resuming relay
 * now finds them in Kafka and marks them sent instead. Both services' relays (one class, in the platform
 * module) are tested at that moment.
 */
class RelayResumeIT {

    Stack stack = Stack.get();
    List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        stack.kafka.start();
        started.forEach(ServiceProcess::stop);
    }

    @Test
    void aRelayThatDiesAfterKafkaAcknowledgedPublishesNothingTwiceAndKeepsEachProposalsVersionsInOrder() throws Exception {
        // Only submission-service and the topic matter here: review-service's side is the fault suite's.
        ServiceProcess submission = start(stack.submission());
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String speaker = stack.bearer("speaker@example.com", "speaker");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        awaitUnsent(0);

        // 100 proposals submitted and edited once while Kafka is down: 200 unsent rows, versions 1 and 2 of each.
        List<String> ids = new ArrayList<>();
        stack.kafka.stop();
        try {
            for (int i = 0; i < 100; i++) {
                String id = Api.submit(submission.baseUrl(), speaker, slug,
                                Api.talk("议题 " + i, "speaker@example.com", "ospo-experience"), "resume-" + slug + "-" + i)
                        .then().statusCode(201).extract().path("id");
                given().baseUri(submission.baseUrl()).header("Authorization", speaker).header("If-Match", "\"1\"")
                        .contentType("application/json")
                        .body(Api.talk("议题 " + i + " 第二版", "speaker@example.com", "ospo-experience"))
                        .put("/api/proposals/" + id).then().statusCode(200);
                ids.add(id);
            }
            submission.stop();
        } finally {
            stack.kafka.start();
        }

        // This instance publishes a batch and halts once Kafka acknowledged it, before marking it sent.
        ServiceProcess crashing = stack.submission(Map.of("LECTERN_OUTBOX_FAULT_HALT_AFTER_PUBLISH", "true")).launch();
        assertEquals(137, crashing.awaitExit(Duration.ofMinutes(2)), "halted by the injected fault");
        start(stack.submission());
        awaitUnsent(0);

        Set<String> keys = new HashSet<>(ids);
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, String> record : Topics.readAll(stack.kafka.bootstrapServers(), "cfp.proposals",
                Duration.ofMinutes(1))) {
            if (keys.contains(record.key())) {
                versions.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Topics.version(record));
            }
        }
        for (String id : ids) {
            assertEquals(List.of(1L, 2L), versions.get(id), "proposal " + id + ": each version once, in order");
        }
    }

    /**
     * Both services relay with the platform's one relay, so both pass the same fault: the relay halts after Kafka
     * acknowledged a batch and before marking it sent. The rows are written straight into the service's outbox, to
     * a topic of the test's own, so that only the relay is under test.
     */
    @ParameterizedTest
    @ValueSource(strings = {"submission", "review"})
    void eitherServicesRelayHaltedAfterKafkaAcknowledgedPublishesNothingTwice(String service) throws Exception {
        String topic = "lectern.test.relay-resume." + service;
        // Started once, so that its migrations have made the outbox; stopped, so that the rows wait for the relay.
        start(process(service, Map.of())).stop();
        List<String> aggregates = new ArrayList<>();
        try (Connection c = stack.database(service);
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (id, aggregatetype, aggregateid, type, "
                     + "topic, payload) VALUES (gen_random_uuid(), 'test', ?, 'dev.lectern.test.v1', ?, CAST(? AS json))")) {
            for (int i = 0; i < 100; i++) {
                String aggregate = service + "-" + System.nanoTime() + "-" + i;
                aggregates.add(aggregate);
                for (int version = 1; version <= 2; version++) {
                    insert.setString(1, aggregate);
                    insert.setString(2, topic);
                    insert.setString(3, "{\"version\":" + version + "}");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }

        ServiceProcess crashing = process(service, Map.of("LECTERN_OUTBOX_FAULT_HALT_AFTER_PUBLISH", "true")).launch();
        assertEquals(137, crashing.awaitExit(Duration.ofMinutes(2)), "halted by the injected fault");
        start(process(service, Map.of()));
        awaitUnsent(service, 0);

        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, String> record : Topics.readAll(stack.kafka.bootstrapServers(), topic, Duration.ofMinutes(1))) {
            versions.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Topics.version(record));
        }
        for (String aggregate : aggregates) {
            assertEquals(List.of(1L, 2L), versions.get(aggregate), service + " " + aggregate + ": each version once, in order");
        }
    }

    private ServiceProcess process(String service, Map<String, String> environment) {
        return "review".equals(service) ? stack.review(environment) : stack.submission(environment);
    }

    private ServiceProcess start(ServiceProcess service) {
        started.add(service);
        return service.start(FaultHarness.READY_WITHIN);
    }

    private void awaitUnsent(long count) {
        awaitUnsent("submission", count);
    }

    private void awaitUnsent(String service, long count) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Connection c = stack.database(service);
                 PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_pending");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == count;
            }
        });
    }
}
