package dev.lectern.e2e;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What cannot be applied goes to {@code <topic>.dlq} with the reason; the consumer goes on. */
class DeadLetterIT extends BothServices {

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @Test
    void malformedAndUnknownProposalMessagesAreDeadLetteredAndTheNextIsApplied() throws Exception {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        String malformedKey = UUID.randomUUID().toString();
        String unknownTypeKey = UUID.randomUUID().toString();
        send("cfp.proposals", malformedKey, "dev.lectern.proposal.submitted.v1", "{not json");
        send("cfp.proposals", unknownTypeKey, "dev.lectern.proposal.teleported.v1", "{\"id\":\"" + unknownTypeKey + "\"}");
        // The next good message, on any partition, is still applied.
        String speaker = stack.bearer("lilei@example.com", "speaker");
        String id = Api.submit(submission.baseUrl(), speaker, slug, Api.talk("好议题 good one", "lilei@example.com", "ospo-experience"), null)
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(review.baseUrl()).header("Authorization", organizer)
                        .get("/api/events/" + slug + "/proposals/" + id).then().statusCode(200));

        List<ConsumerRecord<String, String>> dead = Topics.read(stack.kafka.bootstrapServers(), "cfp.proposals.dlq",
                Set.of(malformedKey, unknownTypeKey), r -> r.size() >= 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size());
        for (ConsumerRecord<String, String> record : dead) {
            String reason = Topics.header(record, "dead-letter-reason");
            assertTrue(reason != null && !reason.isBlank(), "a reason is given");
            if (record.key().equals(unknownTypeKey)) {
                assertTrue(reason.contains("unknown event type"), reason);
            }
        }
    }

    @Test
    void anImpossibleDecisionIsDeadLetteredAndTheNextDecisionIsApplied() throws Exception {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        String speaker = stack.bearer("lilei@example.com", "speaker");
        String withdrawn = Api.submit(submission.baseUrl(), speaker, slug, Api.talk("撤回 withdrawn", "lilei@example.com", "ospo-experience"), null)
                .then().statusCode(201).extract().path("id");
        given().baseUri(submission.baseUrl()).header("Authorization", speaker)
                .post("/api/proposals/" + withdrawn + "/withdraw").then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        String good = Api.submit(submission.baseUrl(), speaker, slug, Api.talk("接受 accepted", "lilei@example.com", "ospo-experience"), null)
                .then().statusCode(201).extract().path("id");
        String unknown = UUID.randomUUID().toString();

        send("cfp.decisions", withdrawn, "dev.lectern.proposal.accepted.v1", decision(withdrawn, slug));
        send("cfp.decisions", unknown, "dev.lectern.proposal.accepted.v1", decision(unknown, slug));
        send("cfp.decisions", good, "dev.lectern.proposal.accepted.v1", decision(good, "another-event"));
        send("cfp.decisions", good, "dev.lectern.proposal.accepted.v1", decision(good, slug));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(submission.baseUrl()).header("Authorization", speaker)
                        .get("/api/proposals/" + good).then().statusCode(200).body("status", equalTo("ACCEPTED")));
        given().baseUri(submission.baseUrl()).header("Authorization", speaker)
                .get("/api/proposals/" + withdrawn).then().body("status", equalTo("WITHDRAWN"));

        List<ConsumerRecord<String, String>> dead = Topics.read(stack.kafka.bootstrapServers(), "cfp.decisions.dlq",
                Set.of(withdrawn, unknown, good), r -> r.size() >= 3, Duration.ofSeconds(30));
        assertEquals(3, dead.size(), "impossible transition, unknown proposal and wrong event");
        String reasons = String.join("\n", dead.stream().map(r -> Topics.header(r, "dead-letter-reason")).toList());
        assertTrue(reasons.contains("impossible transition"), reasons);
        assertTrue(reasons.contains("unknown proposal"), reasons);
        assertTrue(reasons.contains("does not belong"), reasons);

        // The acceptance itself reached the stream as a proposal event.
        List<ConsumerRecord<String, String>> events = Topics.read(stack.kafka.bootstrapServers(), "cfp.proposals",
                Set.of(good), r -> r.stream().anyMatch(x -> "dev.lectern.proposal.decision-applied.v1".equals(Topics.header(x, "ce_type"))),
                Duration.ofSeconds(30));
        assertTrue(events.stream().anyMatch(r -> r.value().contains("\"status\":\"ACCEPTED\"")));
    }

    private static String decision(String proposalId, String event) {
        return "{\"proposalId\":\"" + proposalId + "\",\"event\":\"" + event + "\",\"decision\":\"ACCEPTED\"}";
    }

    private static void send(String topic, String key, String type, String value) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/e2e".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    }
}
