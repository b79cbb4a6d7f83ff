package dev.lectern.review.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Writes an event to the outbox in the caller's transaction: the change and its event commit together
 * or not at all. The relay publishes it to Kafka afterwards.
 *
 * <p>Callers lock the aggregate's row before they append, so for one aggregate the outbox sequence
 * follows commit order. The insert is a native statement, which flushes the caller's pending changes
 * (and so takes that lock) first.
 */
@ApplicationScoped
public class Outbox {

    /** PostgreSQL channel the relay listens on; NOTIFY is delivered at commit, to every instance. */
    public static final String CHANNEL = "lectern_review_outbox";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String aggregateType, String aggregateId, String type, String topic, Object payload) {
        UUID id = UUID.randomUUID();
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload could not be written as JSON", e);
        }
        // A trigger queues the row for the relay in outbox_pending.
        em.createNativeQuery("INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS json))")
                .setParameter(1, id)
                .setParameter(2, aggregateType)
                .setParameter(3, aggregateId)
                .setParameter(4, type)
                .setParameter(5, topic)
                .setParameter(6, json)
                .executeUpdate();
        em.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', '')").getSingleResult();
        return id;
    }
}
