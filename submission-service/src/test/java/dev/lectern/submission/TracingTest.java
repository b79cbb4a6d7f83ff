package dev.lectern.submission;

import dev.lectern.platform.tracing.SpanRecorder;
import dev.lectern.infra.Traceparents;
import dev.lectern.infra.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static dev.lectern.platform.tracing.SpanRecorder.awaitSpan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With tracing on, a trace starts at the HTTP request, is stored with the outbox row, leaves on the Kafka message as
 * {@code ce_traceparent} and {@code traceparent}, and comes back: a decision's trace goes on in the event it causes.
 */
@QuarkusTest
@TestProfile(SpanRecorder.Traced.class)
@Tag("slow") // a profile of its own (tracing on), about 30 s with its restart: run by the full verify, not the fast lane
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSubmissionsTraceLeavesWithItsMessage() {
        String slug = Fixtures.createEvent("traced");
        String id = Fixtures.submit(slug, "trace@example.com", Fixtures.talk("trace@example.com"));

        ConsumerRecord<String, String> record = ThinPathTest.awaitRecord("cfp.proposals", id);
        String traceparent = ThinPathTest.header(record, "ce_traceparent");
        assertNotNull(traceparent, "ce_traceparent on the message");
        assertEquals(traceparent, ThinPathTest.header(record, "traceparent"));

        SpanData request = awaitSpan(spans, span -> span.getKind() == SpanKind.SERVER
                && span.getName().startsWith("POST") && span.getName().endsWith("/proposals")
                && span.getTraceId().equals(Traceparents.traceId(traceparent)));
        // The relay's publish span is the message's parent, a child of the request's span.
        SpanData publish = awaitSpan(spans, span -> span.getKind() == SpanKind.PRODUCER
                && span.getSpanId().equals(Traceparents.spanId(traceparent)));
        assertEquals("cfp.proposals publish", publish.getName());
        assertEquals(request.getTraceId(), publish.getTraceId());
        assertEquals(request.getSpanId(), publish.getParentSpanId());
    }

    @Test
    void aCallersTraceIsContinued() {
        String slug = Fixtures.createEvent("traced-caller");
        String caller = Traceparents.random();
        String id = given().header("Authorization", Fixtures.speaker("caller@example.com"))
                .header("traceparent", caller).contentType("application/json")
                .body(Fixtures.talk("caller@example.com")).post("/api/events/" + slug + "/proposals")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = ThinPathTest.awaitRecord("cfp.proposals", id);
        assertEquals(Traceparents.traceId(caller), Traceparents.traceId(ThinPathTest.header(record, "ce_traceparent")));
    }

    /**
     * Submissions arriving together share one transaction (the group commit), each still with its own request's
     * trace. Bursts are sent until one transaction holds more than one of them, so the shared path is the one tested.
     */
    @Test
    void eachSubmissionInAGroupCommitKeepsItsOwnRequestsTrace() throws Exception {
        String slug = Fixtures.createEvent("traced-group");
        for (int burst = 0; burst < 5; burst++) {
            Map<String, String> traceOf = submitTogether(slug, 32);
            Map<String, List<String>> byTransaction = new HashMap<>();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT aggregateid, xmin::text, traceparent FROM outbox WHERE aggregateid = ANY(?)")) {
                Array ids = connection.createArrayOf("varchar", traceOf.keySet().toArray());
                select.setArray(1, ids);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        assertEquals(traceOf.get(id), Traceparents.traceId(rs.getString(3)), "the trace of proposal " + id);
                        byTransaction.computeIfAbsent(rs.getString(2), x -> new ArrayList<>()).add(id);
                    }
                }
            }
            assertEquals(traceOf.size(), byTransaction.values().stream().mapToInt(List::size).sum());
            if (byTransaction.values().stream().anyMatch(together -> together.size() > 1)) {
                return;
            }
        }
        fail("no two of five bursts' submissions shared a transaction: the group commit was not exercised");
    }

    @Test
    void aMalformedTraceparentIsIgnored() {
        String slug = Fixtures.createEvent("traced-malformed");
        String id = given().header("Authorization", Fixtures.speaker("malformed@example.com"))
                .header("traceparent", "00-not-a-trace-id-01").contentType("application/json")
                .body(Fixtures.talk("malformed@example.com")).post("/api/events/" + slug + "/proposals")
                .then().statusCode(201).extract().path("id");

        String traceparent = ThinPathTest.header(ThinPathTest.awaitRecord("cfp.proposals", id), "ce_traceparent");
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), traceparent);
    }

    /** review-service's decision comes back in the trace of its publish request; what it causes stays in it. */
    @Test
    void aDecisionsTraceGoesOnInTheEventItCauses() throws Exception {
        String slug = Fixtures.createEvent("traced-decision");
        String id = Fixtures.submit(slug, "decided@example.com", Fixtures.talk("decided@example.com"));
        String publishRequest = Traceparents.random();
        // Only the CloudEvents extension, as a CloudEvents SDK writes it: the consumer's tracing reads it too.
        decide(id, slug, Map.of("ce_traceparent", publishRequest));

        ConsumerRecord<String, String> applied = EventContractTest.read("cfp.proposals", id, 2).get(1);
        assertEquals("dev.lectern.proposal.decision-applied.v1", ThinPathTest.header(applied, "ce_type"));
        assertEquals(Traceparents.traceId(publishRequest), Traceparents.traceId(ThinPathTest.header(applied, "ce_traceparent")));

        SpanData received = awaitSpan(spans, span -> span.getKind() == SpanKind.CONSUMER
                && span.getTraceId().equals(Traceparents.traceId(publishRequest)) && span.getName().equals("cfp.decisions receive"));
        assertEquals(Traceparents.spanId(publishRequest), received.getParentSpanId(), "the instrumentation's span: " + received);
        SpanData process = awaitSpan(spans, span -> span.getName().equals("cfp.decisions process")
                && span.getTraceId().equals(Traceparents.traceId(publishRequest)));
        assertEquals(Traceparents.spanId(publishRequest), process.getParentSpanId());
    }

    @Test
    void aDecisionWithAMalformedTraceparentIsAppliedInATraceOfItsOwn() throws Exception {
        String slug = Fixtures.createEvent("traced-bad-decision");
        String id = Fixtures.submit(slug, "bad-trace@example.com", Fixtures.talk("bad-trace@example.com"));
        decide(id, slug, Map.of("traceparent", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01",
                "ce_traceparent", "garbage"));

        ConsumerRecord<String, String> applied = EventContractTest.read("cfp.proposals", id, 2).get(1);
        assertEquals("dev.lectern.proposal.decision-applied.v1", ThinPathTest.header(applied, "ce_type"));
        String traceparent = ThinPathTest.header(applied, "ce_traceparent");
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), traceparent);
        assertNotEquals("0".repeat(32), Traceparents.traceId(traceparent));
    }

    /** A trace context that cannot be read costs the event nothing: it leaves without one. */
    @Test
    void anOutboxRowWithAnUnreadableTraceContextIsPublishedWithout() throws Exception {
        String key = "unreadable-trace-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (id, aggregatetype, aggregateid, "
                     + "type, topic, payload, traceparent) VALUES (?, 'event', ?, 'dev.lectern.event.updated.v1', "
                     + "'cfp.events', '{}', 'not a trace context')")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, key);
            insert.executeUpdate();
        }
        ConsumerRecord<String, String> record = ThinPathTest.awaitRecord("cfp.events", key);
        assertNull(ThinPathTest.header(record, "ce_traceparent"));
        assertNull(ThinPathTest.header(record, "traceparent"));
    }

    /** Submits {@code count} proposals at once, each request in a trace of its own; returns proposal id to trace id. */
    private static Map<String, String> submitTogether(String slug, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String[]>> submitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String speaker = "group" + i + "@example.com";
                submitted.add(callers.submit(() -> {
                    String traceparent = Traceparents.random();
                    start.await();
                    String id = given().header("Authorization", Fixtures.speaker(speaker))
                            .header("traceparent", traceparent).contentType("application/json")
                            .body(Fixtures.talk(speaker)).post("/api/events/" + slug + "/proposals")
                            .then().statusCode(201).extract().path("id");
                    return new String[] {id, Traceparents.traceId(traceparent)};
                }));
            }
            start.countDown();
            Map<String, String> traceOf = new HashMap<>();
            for (Future<String[]> one : submitted) {
                String[] idAndTrace = one.get(60, TimeUnit.SECONDS);
                traceOf.put(idAndTrace[0], idAndTrace[1]);
            }
            return traceOf;
        } finally {
            callers.shutdownNow();
        }
    }

    /** Publishes an acceptance of the proposal to cfp.decisions as review-service would, with the given trace headers. */
    private static void decide(String proposalId, String event, Map<String, String> traceHeaders) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> all = new HashMap<>(Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "dev.lectern.proposal.accepted.v1", "ce_source", "/lectern/review-service",
                "content-type", "application/json"));
        all.putAll(traceHeaders);
        all.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("cfp.decisions", null, proposalId, "{\"proposalId\":\"" + proposalId
                    + "\",\"event\":\"" + event + "\",\"decision\":\"ACCEPTED\"}", headers)).get();
        }
    }

}
