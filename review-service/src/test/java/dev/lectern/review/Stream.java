package dev.lectern.review;

import dev.lectern.infra.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Writes CloudEvents to the test broker the way submission-service does, for review-service to consume. */
public final class Stream {

    private static KafkaProducer<String, byte[]> producer;

    private Stream() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Sends one message and waits for the broker's acknowledgement; headers may be null to send a bare message. */
    public static String send(String topic, String key, String type, String json) {
        return send(UUID.randomUUID().toString(), topic, key, type, json);
    }

    /** Sends with a given CloudEvent id: the same id twice is a redelivery. */
    public static String send(String id, String topic, String key, String type, String json) {
        return send(id, topic, key, type, json, "/lectern/submission-service");
    }

    /** Sends as producer {@code source} (ce_source). */
    public static String send(String id, String topic, String key, String type, String json, String source) {
        return send(id, topic, key, type, json, source, Map.of());
    }

    /** Sends as submission-service, with more headers (a trace context, say). */
    public static String send(String id, String topic, String key, String type, String json, Map<String, String> more) {
        return send(id, topic, key, type, json, "/lectern/submission-service", more);
    }

    private static String send(String id, String topic, String key, String type, String json, String source,
                               Map<String, String> more) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", source.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        }
        more.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(new ProducerRecord<>(topic, null, key,
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public static void event(String slug, long version) {
        send("cfp.events", slug, "dev.lectern.event.created.v1", eventJson(slug, version));
    }

    /** The data of an {@code event.created.v1} as submission-service publishes it. */
    public static String eventJson(String slug, long version) {
        return """
                {"id":"%s","slug":"%s","name":{"en":"OSPOCon China 2023","zh":"OSPOCon 中国 2023"},
                 "timeZone":"Asia/Shanghai","cfpOpensAt":"2026-01-01T00:00:00Z","cfpClosesAt":"2030-01-01T00:00:00Z",
                 "tracks":[{"slug":"ospo-experience","name":{"en":"OSPO experience sharing","zh":"OSPO 经验分享"}},
                           {"slug":"compliance-legal","name":{"en":"Compliance and legal","zh":"合规与法律"}}],
                 "formats":[{"slug":"talk","name":{"en":"Single talk","zh":"主题演讲"},"durationMinutes":30,"minSpeakers":1,"maxSpeakers":1}],
                 "languages":["zh","en"],"version":%d,"updatedAt":"2026-11-27T00:00:00Z"}
                """.formatted(UUID.nameUUIDFromBytes(slug.getBytes(StandardCharsets.UTF_8)), slug, version);
    }

    /** A proposal event as submission-service emits it: the full state, speakers included. */
    public static String proposal(String change, String id, String slug, long version, String status, String title,
                                  String track, List<Map<String, String>> speakers) {
        return proposal(UUID.randomUUID().toString(), change, id, slug, version, status, title, track, speakers);
    }

    /** As {@link #proposal(String, String, String, long, String, String, String, List)}, with the message id given. */
    public static String proposal(String messageId, String change, String id, String slug, long version, String status,
                                  String title, String track, List<Map<String, String>> speakers) {
        return proposal(messageId, change, id, slug, version, status, title, track, speakers, Map.of());
    }

    /** As {@link #proposal(String, String, String, String, long, String, String, String, List)}, with more headers. */
    public static String proposal(String messageId, String change, String id, String slug, long version, String status,
                                  String title, String track, List<Map<String, String>> speakers,
                                  Map<String, String> headers) {
        StringBuilder people = new StringBuilder("[");
        for (Map<String, String> speaker : speakers) {
            if (people.length() > 1) {
                people.append(',');
            }
            people.append("{\"name\":\"").append(speaker.get("name")).append("\",\"email\":\"")
                    .append(speaker.get("email")).append("\",\"affiliation\":\"")
                    .append(speaker.getOrDefault("affiliation", "")).append("\",\"bio\":\"\"}");
        }
        people.append(']');
        return send(messageId, "cfp.proposals", id, "dev.lectern.proposal." + change + ".v1",
                proposalJson(id, slug, version, status, title, track, people.toString()), headers);
    }

    /** The data of a proposal event as submission-service publishes it; {@code people} is the speakers' JSON array. */
    public static String proposalJson(String id, String slug, long version, String status, String title, String track,
                                      String people) {
        return """
                {"id":"%s","event":"%s","status":"%s","version":%d,"title":"%s",
                 "abstract":"我们如何建立开源项目办公室。How we built an OSPO.","description":null,
                 "format":"talk","track":"%s","language":"zh","tags":["compliance"],"speakers":%s,
                 "notes":"notes for organizers","externalId":null,
                 "createdAt":"2026-11-27T00:00:00Z","updatedAt":"2026-11-27T00:00:00Z","submittedAt":"2026-11-27T00:00:00Z"}
                """.formatted(id, slug, status, version, title, track, people);
    }
}
