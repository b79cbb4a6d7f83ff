package dev.lectern.review.projection;

import dev.lectern.infra.TestInfrastructure;
import dev.lectern.review.Stream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * review-service applies {@code cfp.proposals} a poll at a time, in one transaction: the outcome must be the same
 * as applying the messages one by one, and a message at fault must still be dead-lettered on its own.
 */
@QuarkusTest
class BatchProjectionTest {

    private static final List<String> STATUSES = List.of("SUBMITTED", "SUBMITTED", "ACCEPTED", "WAITLISTED", "REJECTED",
            "CONFIRMED", "WITHDRAWN", "DECLINED");

    @Inject
    ProjectionService projection;

    @Inject
    EntityManager em;

    @Test
    void aBatchEndsWhereTheSameMessagesOneByOneEnd() {
        Random random = new Random(20261127);
        for (int round = 0; round < 20; round++) {
            // The same messages for two sets of proposals: one applied message by message, the other in batches.
            int proposals = 1 + random.nextInt(6);
            List<UUID> single = new ArrayList<>();
            List<UUID> batched = new ArrayList<>();
            for (int p = 0; p < proposals; p++) {
                single.add(UUID.randomUUID());
                batched.add(UUID.randomUUID());
            }
            List<int[]> messages = new ArrayList<>(); // {proposal, version, status, redelivery of message n or -1}
            int count = 1 + random.nextInt(30);
            for (int m = 0; m < count; m++) {
                if (m > 0 && random.nextInt(8) == 0) {
                    messages.add(new int[] {-1, 0, 0, random.nextInt(m)});
                } else {
                    messages.add(new int[] {random.nextInt(proposals), 1 + random.nextInt(6), random.nextInt(STATUSES.size()), -1});
                }
            }
            String round_ = "r" + round + "-" + UUID.randomUUID();
            List<ProposalChange> one = changes(messages, single, round_ + "-single");
            List<ProposalChange> many = changes(messages, batched, round_ + "-batched");
            for (ProposalChange change : one) {
                projection.applyProposal(change, "cfp.proposals");
            }
            for (int from = 0; from < many.size(); ) {
                int to = Math.min(many.size(), from + 1 + random.nextInt(12));
                projection.applyProposals(many.subList(from, to), "cfp.proposals");
                from = to;
            }
            for (int p = 0; p < proposals; p++) {
                assertEquals(state(single.get(p)), state(batched.get(p)), "round " + round + ", proposal " + p);
            }
        }
        // What the dropped foreign key guarded (V23), by behaviour: both paths write a proposal's identity only with
        // its content, and its content only with its identity.
        assertEquals(0, ((Number) em.createNativeQuery("SELECT count(*) FROM proposal_identity i FULL JOIN proposal_content c "
                + "ON c.id = i.proposal_id WHERE (c.id IS NULL OR i.proposal_id IS NULL) AND coalesce(c.event_slug, '') IN ('', 'batch-equivalence')").getSingleResult()).longValue());
    }

    @Test
    void aMessageAtFaultInABatchIsDeadLetteredAloneAndTheRestApplied() {
        String slug = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        Stream.event(slug, 1);
        String first = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        String tooLong = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        String oddType = UUID.randomUUID().toString();
        String nullHeader = UUID.randomUUID().toString();
        String people = "[{\"name\":\"Li Lei\",\"email\":\"lilei@example.com\",\"affiliation\":null,\"bio\":null}]";
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "100"); // one produce request: most likely one poll for the consumer
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, first, Stream.proposalJson(first, slug, 1, "SUBMITTED", "First 第一", "ospo-experience", people));
            send(producer, broken, "{\"id\":\"" + broken + "\",\"title\":");
            // Passes every check before the database, which refuses it: title is varchar(300).
            send(producer, tooLong, Stream.proposalJson(tooLong, slug, 1, "SUBMITTED", "长".repeat(301), "ospo-experience", people));
            // A type that only looks like one (it once threw inside the batch), and a header without a value.
            send(producer, oddType, "dev.lectern.proposal.v1", Stream.proposalJson(oddType, slug, 1, "SUBMITTED", "Odd", "ospo-experience", people));
            RecordHeaders noId = headers("dev.lectern.proposal.submitted.v1");
            noId.remove("ce_id");
            noId.add("ce_id", null);
            producer.send(new ProducerRecord<>("cfp.proposals", null, nullHeader,
                    Stream.proposalJson(nullHeader, slug, 1, "SUBMITTED", "No id", "ospo-experience", people).getBytes(StandardCharsets.UTF_8), noId));
            send(producer, last, Stream.proposalJson(last, slug, 1, "SUBMITTED", "Last 最后", "ospo-experience", people));
            producer.flush();
        }
        String organizer = "Bearer " + TestInfrastructure.tokens().mint("organizer@lectern.test", List.of("organizer"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("Authorization", organizer).get("/api/events/" + slug + "/proposals/" + first)
                    .then().statusCode(200).body("title", equalTo("First 第一"));
            given().header("Authorization", organizer).get("/api/events/" + slug + "/proposals/" + last)
                    .then().statusCode(200).body("title", equalTo("Last 最后"));
        });
        given().header("Authorization", organizer).get("/api/events/" + slug + "/proposals/" + tooLong).then().statusCode(404);
        Map<String, Map<String, String>> dead = deadLetters(Set.of(broken, tooLong, oddType, nullHeader));
        assertEquals(Set.of(broken, tooLong, oddType, nullHeader), dead.keySet(), dead.toString());
        assertTrue(dead.get(oddType).get("dead-letter-reason").startsWith("unknown event type"), dead.toString());
        assertTrue(dead.get(nullHeader).get("dead-letter-reason").startsWith("not a CloudEvent"), dead.toString());
        assertTrue(dead.get(tooLong).get("dead-letter-reason").startsWith("could not be applied"), dead.toString());
        assertTrue(dead.get(broken).get("dead-letter-reason").startsWith("data is not JSON"), dead.toString());
        for (Map<String, String> headers : dead.values()) {
            assertEquals("cfp.proposals", headers.get("dead-letter-topic"));
            assertTrue(headers.containsKey("dead-letter-offset") && headers.containsKey("dead-letter-partition"), headers.toString());
            assertEquals("1.0", headers.get("ce_specversion"), "the original headers travel with it");
        }
        for (String id : List.of(oddType, nullHeader)) {
            given().header("Authorization", organizer).get("/api/events/" + slug + "/proposals/" + id).then().statusCode(404);
        }
    }

    private List<ProposalChange> changes(List<int[]> messages, List<UUID> ids, String prefix) {
        List<ProposalChange> changes = new ArrayList<>();
        for (int m = 0; m < messages.size(); m++) {
            int[] message = messages.get(m);
            if (message[3] >= 0) {
                changes.add(changes.get(message[3]));
                continue;
            }
            int version = message[1];
            String status = STATUSES.get(message[2]);
            changes.add(new ProposalChange(prefix + "-" + m, ids.get(message[0]), version, status, "batch-equivalence",
                    "Title v" + version + " 标题 " + m, "Abstract " + m, m % 3 == 0 ? null : "Description " + m, "talk",
                    "ospo-experience", "zh", List.of("tag" + m, "标签"),
                    List.of(new ProposalIdentity.SpeakerIdentity("Speaker " + m, "s" + m + "@example.com", null, "bio")),
                    m % 2 == 0 ? null : "notes " + m));
        }
        return changes;
    }

    /** What review-service holds of a proposal: content and identity, or "absent". */
    private String state(UUID id) {
        List<?> rows = em.createNativeQuery("SELECT c.version, c.status, c.title, c.abstract, c.description, c.tags::text, "
                        + "i.speakers::text, i.notes, i.version FROM proposal_content c JOIN proposal_identity i ON i.proposal_id = c.id WHERE c.id = ?1")
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? "absent" : java.util.Arrays.deepToString((Object[]) rows.get(0));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String json) {
        send(producer, key, "dev.lectern.proposal.submitted.v1", json);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String type, String json) {
        producer.send(new ProducerRecord<>("cfp.proposals", null, key, json.getBytes(StandardCharsets.UTF_8), headers(type)));
    }

    private static RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/lectern/submission-service".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static Map<String, Map<String, String>> deadLetters(Set<String> keys) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "batch-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Map<String, String>> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cfp.proposals.dlq"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && !found.keySet().containsAll(keys)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header header : record.headers()) {
                            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                        }
                        found.put(record.key(), headers);
                    }
                }
            }
        }
        return found;
    }
}
