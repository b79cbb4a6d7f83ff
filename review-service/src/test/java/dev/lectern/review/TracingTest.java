package dev.lectern.review;

import dev.lectern.platform.tracing.SpanRecorder;
import dev.lectern.infra.Traceparents;
import dev.lectern.infra.TestInfrastructure;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static dev.lectern.platform.tracing.SpanRecorder.awaitSpan;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With tracing on, what submission-service sends continues its trace in review-service's consumers, and decisions
 * leave in the trace of what caused them: the publish request, or the withdrawal that promoted from the waitlist.
 */
@QuarkusTest
@TestProfile(SpanRecorder.Traced.class)
@Tag("slow") // a profile of its own (tracing on), about 30 s with its restart: run by the full verify, not the fast lane
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void whatSubmissionServiceSendsContinuesItsTraceInTheConsumers() {
        String slug = ReviewFlowTest.newSlug("traced");
        String event = Traceparents.random();
        Stream.send(UUID.randomUUID().toString(), "cfp.events", slug, "dev.lectern.event.created.v1",
                Stream.eventJson(slug, 1), Map.of("ce_traceparent", event, "traceparent", event));
        String id = UUID.randomUUID().toString();
        String proposal = Traceparents.random();
        // Only the CloudEvents extension, as a CloudEvents SDK writes it: it is read all the same.
        Stream.proposal(UUID.randomUUID().toString(), "submitted", id, slug, 1, "SUBMITTED", "Traced talk",
                Program.OSPO, List.of(ReviewFlowTest.speaker("Li Lei", "lilei@example.com", "Example Org")),
                Map.of("ce_traceparent", proposal));

        SpanData eventProcessed = awaitSpan(spans, span -> span.getName().equals("cfp.events process")
                && span.getTraceId().equals(Traceparents.traceId(event)));
        assertEquals(Traceparents.spanId(event), eventProcessed.getParentSpanId());
        SpanData received = awaitSpan(spans, span -> span.getKind() == SpanKind.CONSUMER
                && span.getName().equals("cfp.proposals receive") && span.getTraceId().equals(Traceparents.traceId(proposal)));
        assertEquals(Traceparents.spanId(proposal), received.getParentSpanId());
        // The batch is a trace of its own, linked to each message's.
        awaitSpan(spans, span -> span.getName().equals("cfp.proposals process") && span.getLinks().stream()
                .map(LinkData::getSpanContext)
                .anyMatch(linked -> linked.getTraceId().equals(Traceparents.traceId(proposal))
                        && linked.getSpanId().equals(Traceparents.spanId(proposal))));
    }

    @Test
    void decisionsLeaveInTheTraceOfThePublishRequestOrOfTheWithdrawalThatPromotes() {
        Program program = Program.reviewed("traced-publish", 4, Map.of());
        given().header("Authorization", ReviewFlowTest.organizer()).contentType("application/json")
                .body(SelectionResourceTest.onePlacePerTrack()).when().post("/api/events/" + program.slug() + "/selection")
                .then().statusCode(200);
        String publishRequest = Traceparents.random();
        given().header("Authorization", ReviewFlowTest.organizer()).header("traceparent", publishRequest)
                .when().post("/api/events/" + program.slug() + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(8));

        List<String> ids = new ArrayList<>();
        program.ids().values().forEach(ids::addAll);
        Map<String, List<ConsumerRecord<String, String>>> published = decisions(Set.copyOf(ids), 8);
        for (List<ConsumerRecord<String, String>> forId : published.values()) {
            String traceparent = header(forId.get(0), "ce_traceparent");
            assertEquals(Traceparents.traceId(publishRequest), Traceparents.traceId(traceparent));
            assertEquals(traceparent, header(forId.get(0), "traceparent"));
        }
        SpanData request = awaitSpan(spans, span -> span.getKind() == SpanKind.SERVER
                && span.getTraceId().equals(Traceparents.traceId(publishRequest)));
        assertEquals(Traceparents.spanId(publishRequest), request.getParentSpanId());
        SpanData publish = awaitSpan(spans, span -> span.getName().equals("cfp.decisions publish")
                && span.getTraceId().equals(Traceparents.traceId(publishRequest)));
        assertEquals(request.getSpanId(), publish.getParentSpanId());

        // submission-service applied them; then the accepted OSPO speaker withdraws, and the first waitlisted moves up.
        List<String> statuses = List.of("ACCEPTED", "WAITLISTED", "WAITLISTED", "REJECTED");
        for (String track : List.of(Program.OSPO, Program.LEGAL)) {
            for (int i = 0; i < 4; i++) {
                program.step("decision-applied", program.ids().get(track).get(i), 2, statuses.get(i));
            }
        }
        ids.forEach(id -> ReviewFlowTest.awaitVersion(program.slug(), id, 2));
        String withdrawal = Traceparents.random();
        String withdrawn = program.ids().get(Program.OSPO).get(0);
        String promoted = program.ids().get(Program.OSPO).get(1);
        program.step(UUID.randomUUID().toString(), "withdrawn", withdrawn, 3, "WITHDRAWN",
                Map.of("ce_traceparent", withdrawal, "traceparent", withdrawal));

        ConsumerRecord<String, String> promotion = decisions(Set.of(promoted), 2).get(promoted).get(1);
        assertEquals("dev.lectern.proposal.accepted.v1", header(promotion, "ce_type"));
        assertEquals(Traceparents.traceId(withdrawal), Traceparents.traceId(header(promotion, "ce_traceparent")));
        SpanData promoting = awaitSpan(spans, span -> span.getName().equals("promote from the waitlist")
                && span.getTraceId().equals(Traceparents.traceId(withdrawal)));
        assertEquals(Traceparents.spanId(withdrawal), promoting.getParentSpanId());
    }

    /** Reads cfp.decisions from the start until {@code expected} messages for {@code keys} arrived. */
    private static Map<String, List<ConsumerRecord<String, String>>> decisions(Set<String> keys, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("cfp.decisions"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (seen < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                        seen++;
                    }
                }
            }
        }
        assertEquals(expected, seen, "decisions for " + keys);
        return byKey;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
