package dev.lectern.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lectern.infra.TestInfrastructure;
import dev.lectern.submission.outbox.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What submission-service publishes matches the contract in docs/events and docs/asyncapi.yaml. */
@QuarkusTest
class EventContractTest {

    static final Path DOCS = Path.of("..", "docs");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPublishedMessageValidatesAgainstItsSchema() throws Exception {
        String slug = Fixtures.uniqueSlug("contract");
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON)
                .body(Fixtures.event(slug)).post("/api/events").then().statusCode(201);
        String speaker = Fixtures.speaker("lilei@example.com");
        Map<String, Object> draft = new HashMap<>(Fixtures.talk("lilei@example.com"));
        draft.put("draft", true);
        String id = given().header("Authorization", speaker).contentType(ContentType.JSON).body(draft)
                .post("/api/events/" + slug + "/proposals").then().statusCode(201).extract().path("id");
        given().header("Authorization", speaker).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Fixtures.talk("lilei@example.com")).put("/api/proposals/" + id).then().statusCode(200);
        given().header("Authorization", speaker).post("/api/proposals/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", speaker).post("/api/proposals/" + id + "/withdraw").then().statusCode(200);

        List<ConsumerRecord<String, String>> proposalEvents = read("cfp.proposals", id, 4);
        List<ConsumerRecord<String, String>> eventEvents = read("cfp.events", slug, 1);
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : concat(eventEvents, proposalEvents)) {
            String type = ThinPathTest.header(record, "ce_type");
            types.add(type);
            assertEquals("1.0", ThinPathTest.header(record, "ce_specversion"));
            assertEquals(record.key(), ThinPathTest.header(record, "ce_subject"));
            assertEquals("application/json", ThinPathTest.header(record, "content-type"));
            Instant.parse(ThinPathTest.header(record, "ce_time"));
            Set<ValidationMessage> errors = schemaFor(type).validate(JSON.readTree(record.value()));
            assertTrue(errors.isEmpty(), type + ": " + errors + " in " + record.value());
        }
        assertEquals(List.of(EventTypes.EVENT_CREATED, EventTypes.proposal("drafted"), EventTypes.proposal("updated"),
                EventTypes.proposal("submitted"), EventTypes.proposal("withdrawn")), types);
    }

    /**
     * A decision applied names the message that carried it; one the lifecycle refuses is announced with the reason
     * (and dead-lettered as before). Both validate against their schemas.
     */
    @Test
    void appliedAndRefusedDecisionsAreAnnouncedAndValidateAgainstTheirSchemas() throws Exception {
        String slug = Fixtures.createEvent("contract-decide");
        String speaker = "decide-" + slug + "@example.com";
        String accepted = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String withdrawn = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        given().header("Authorization", Fixtures.speaker(speaker)).post("/api/proposals/" + withdrawn + "/withdraw")
                .then().statusCode(200);
        String acceptance = publishDecision(accepted, slug, "dev.lectern.proposal.accepted.v1", "ACCEPTED");
        String refusedOne = publishDecision(withdrawn, slug, "dev.lectern.proposal.accepted.v1", "ACCEPTED");

        ConsumerRecord<String, String> applied = read("cfp.proposals", accepted, 2).get(1);
        ConsumerRecord<String, String> refused = read("cfp.proposals", withdrawn, 3).get(2);
        assertEquals(EventTypes.proposal("decision-applied"), ThinPathTest.header(applied, "ce_type"));
        assertEquals(EventTypes.proposal("decision-refused"), ThinPathTest.header(refused, "ce_type"));
        for (ConsumerRecord<String, String> record : List.of(applied, refused)) {
            String type = ThinPathTest.header(record, "ce_type");
            Set<ValidationMessage> errors = schemaFor(type).validate(JSON.readTree(record.value()));
            assertTrue(errors.isEmpty(), type + ": " + errors + " in " + record.value());
        }
        JsonNode appliedData = JSON.readTree(applied.value());
        assertEquals(acceptance, appliedData.get("decision").get("id").asText());
        assertEquals("/lectern/organizer-tooling", appliedData.get("decision").get("source").asText());
        JsonNode refusal = JSON.readTree(refused.value());
        assertEquals(refusedOne, refusal.get("decisionId").asText());
        assertEquals("ACCEPTED", refusal.get("decision").asText());
        assertEquals("WITHDRAWN", refusal.get("status").asText());
        assertEquals(2, refusal.get("version").asInt());
        assertTrue(refusal.get("reason").asText().contains("WITHDRAWN"), refusal.toString());
    }

    /** A decision as organizer tooling publishes it; returns its ce_id. */
    static String publishDecision(String proposalId, String event, String type, String decision) throws Exception {
        Properties properties = new Properties();
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers());
        String messageId = UUID.randomUUID().toString();
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("ce_id", messageId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("ce_source", "/lectern/organizer-tooling".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(properties,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("cfp.decisions", null, proposalId,
                    "{\"proposalId\":\"" + proposalId + "\",\"event\":\"" + event + "\",\"decision\":\""
                            + decision + "\"}", headers)).get();
        }
        return messageId;
    }

    @Test
    void theAsyncApiDocumentParsesAndNamesEveryTopicTheServiceUses() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory()).readTree(DOCS.resolve("asyncapi.yaml").toFile());
        assertEquals("3.0.0", asyncApi.get("asyncapi").asText());
        Set<String> addresses = new HashSet<>();
        asyncApi.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        Set<String> used = new HashSet<>(Set.of(EventTypes.EVENTS_TOPIC, EventTypes.PROPOSALS_TOPIC));
        var config = ConfigProvider.getConfig();
        used.add(config.getValue("mp.messaging.incoming.decisions.topic", String.class));
        used.add(config.getValue("mp.messaging.incoming.decisions.dead-letter-queue.topic", String.class));
        assertTrue(addresses.containsAll(used), "AsyncAPI channels " + addresses + " must name " + used);
        // Every message's payload points at a schema file that exists and names its type.
        asyncApi.get("components").get("messages").forEach(message -> {
            if (message.has("payload")) {
                Path schema = DOCS.resolve(message.get("payload").get("$ref").asText());
                assertTrue(Files.exists(schema), schema.toString());
                assertTrue(schema.getFileName().toString().startsWith(message.get("name").asText().substring("dev.lectern.".length())));
            }
        });
    }

    static JsonSchema schemaFor(String type) throws IOException {
        String file = type.substring(EventTypes.PREFIX.length()) + ".schema.json";
        JsonNode schema = JSON.readTree(DOCS.resolve("events").resolve(file).toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    static List<ConsumerRecord<String, String>> concat(List<ConsumerRecord<String, String>> a, List<ConsumerRecord<String, String>> b) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<ConsumerRecord<String, String>> read(String topic, String key, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        assertEquals(count, records.size(), "messages with key " + key + " on " + topic);
        return records;
    }
}
