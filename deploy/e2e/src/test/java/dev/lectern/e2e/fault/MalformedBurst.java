package dev.lectern.e2e.fault;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Messages no consumer can apply, written straight to the topics as a buggy or hostile producer would: not
 * JSON, no CloudEvents headers, unknown types, keys that are not the aggregate's id, impossible fields,
 * decisions for proposals that do not exist. Each carries a {@code fault-marker} header, so the suite can
 * find every one of them in the dead-letter topics.
 */
final class MalformedBurst {

    static final String MARKER = "fault-marker";

    /** One message written: where, with which marker, and the ids a consumer would have applied it under. */
    record Sent(String topic, String marker, String ceId, String key) {
    }

    final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final String bootstrap;

    MalformedBurst(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Writes {@code sets} copies of each kind of malformed message; returns how many were written. */
    int write(int sets) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Sent> written = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < sets; n++) {
                String id = UUID.randomUUID().toString();
                String other = UUID.randomUUID().toString();
                String proposal = "dev.lectern.proposal.submitted.v1";
                // cfp.proposals
                written.add(send(producer, "cfp.proposals", id, proposal, "{\"id\":\"" + id + "\",\"version\":"));
                written.add(send(producer, "cfp.proposals", id, null, proposalData(id, "SUBMITTED")));
                written.add(send(producer, "cfp.proposals", id, "dev.lectern.proposal.teleported.v1", proposalData(id, "SUBMITTED")));
                written.add(send(producer, "cfp.proposals", UUID.randomUUID().toString(), proposal, proposalData(other, "SUBMITTED")));
                written.add(send(producer, "cfp.proposals", id, proposal, proposalData(id, "LOST")));
                written.add(send(producer, "cfp.proposals", id, proposal, "[1,2,3]"));
                // cfp.events
                String slug = "malformed-" + id.substring(0, 8);
                written.add(send(producer, "cfp.events", slug, "dev.lectern.event.created.v1", "not json at all"));
                written.add(send(producer, "cfp.events", slug, "dev.lectern.event.renamed.v1", "{\"slug\":\"" + slug + "\"}"));
                written.add(send(producer, "cfp.events", slug, "dev.lectern.event.created.v1",
                        "{\"id\":\"" + id + "\",\"slug\":\"" + slug + "\",\"version\":1}"));
                // cfp.decisions
                written.add(send(producer, "cfp.decisions", id, "dev.lectern.proposal.accepted.v1", "{\"proposalId\":"));
                written.add(send(producer, "cfp.decisions", id, "dev.lectern.proposal.accepted.v1", "{\"event\":\"x\"}"));
                written.add(send(producer, "cfp.decisions", id, "dev.lectern.proposal.accepted.v1",
                        "{\"proposalId\":\"" + id + "\",\"event\":\"" + slug + "\",\"decision\":\"ACCEPTED\"}"));
                written.add(send(producer, "cfp.decisions", UUID.randomUUID().toString(), "dev.lectern.proposal.rejected.v1",
                        "{\"proposalId\":\"" + other + "\",\"event\":\"" + slug + "\",\"decision\":\"REJECTED\"}"));
            }
            producer.flush();
        }
        sent.addAll(written);
        return written.size();
    }

    private static String proposalData(String id, String status) {
        return "{\"id\":\"" + id + "\",\"event\":\"nowhere\",\"version\":1,\"status\":\"" + status + "\",\"title\":\"x\","
                + "\"abstract\":\"x\",\"format\":\"talk\",\"track\":\"t\",\"language\":\"en\",\"tags\":[],\"speakers\":[]}";
    }

    private static Sent send(KafkaProducer<String, String> producer, String topic, String key, String type, String value) {
        String marker = UUID.randomUUID().toString();
        String ceId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(MARKER, marker.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "/fault-suite".getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write a malformed message to " + topic, e);
        }
        return new Sent(topic, marker, ceId, key);
    }
}
