package dev.lectern.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.id.uuid.UuidVersion7Strategy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Writes an event to the outbox in the caller's transaction: the change and its event commit together
 * or not at all. The relay publishes it to Kafka afterwards.
 *
 * <p>Callers lock the aggregate's row before they append, so for one aggregate the outbox sequence
 * follows commit order. An append flushes the caller's pending changes (and so takes that lock) first, then
 * inserts with plain JDBC on the session's connection.
 *
 * <p>The table it writes (each service's migrations create it): {@code outbox} (Debezium's outbox columns
 * {@code id, aggregatetype, aggregateid, type, payload}, plus {@code topic}, {@code seq bigserial},
 * {@code created_at} and {@code traceparent}, null without tracing), and {@code outbox_pending}, the relay's queue,
 * filled by a statement trigger.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxConfig config;

    /**
     * An event to append: what it is about, its CloudEvents type, its topic, its payload, and the trace context of
     * the work that caused it ({@link TraceContext}; null without tracing), which the relay sends on with it.
     */
    public record Message(String aggregateType, String aggregateId, String type, String topic, Object payload,
                          String traceparent) {

        /**
         * An event caused by the current work: it carries the current span's trace context, taken now, on the
         * caller's thread. A request's event so keeps its request's trace even when another thread writes it
         * (the submissions' group commit).
         */
        public Message(String aggregateType, String aggregateId, String type, String topic, Object payload) {
            this(aggregateType, aggregateId, type, topic, payload, TraceContext.current());
        }
    }

    private static final String INSERT = "INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload, traceparent) "
            + "VALUES (?, ?, ?, ?, ?, CAST(? AS json), ?)";

    /** The insert and the NOTIFY in one statement: one round trip instead of two. */
    private String appendAndNotify() {
        return "WITH appended AS (" + INSERT + " RETURNING seq) SELECT pg_notify('" + config.channel() + "', '') FROM appended";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String aggregateType, String aggregateId, String type, String topic, Object payload) {
        return append(new Message(aggregateType, aggregateId, type, topic, payload));
    }

    /** Appends one event; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(Message message) {
        UUID id = newId();
        // Flushed by hand: a JDBC statement does not flush the session, as a Hibernate query would. Plain JDBC,
        // because Hibernate's native query took more CPU than the statement's round trip.
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(appendAndNotify())) {
                bind(insert, id, message);
                insert.executeQuery().close();
            }
        });
        return id;
    }

    /**
     * Appends many events in one batched insert and one NOTIFY, in list order (so in seq order); for
     * bulk writers. The caller holds the locks of all their aggregates, as for {@link #append}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Message message : messages) {
                    bind(insert, newId(), message);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement notify = connection.createStatement()) {
                notify.execute("SELECT pg_notify('" + config.channel() + "', '')");
            }
        });
    }

    /** Event ids are UUIDv7: written in time order, they append to the right edge of the id index. */
    static UUID newId() {
        return UuidVersion7Strategy.INSTANCE.generateUuid(null);
    }

    /** Binds the columns both inserts list, in their order: id, aggregate type and id, type, topic, payload, traceparent. */
    private void bind(PreparedStatement insert, UUID id, Message message) throws SQLException {
        insert.setObject(1, id);
        insert.setString(2, message.aggregateType());
        insert.setString(3, message.aggregateId());
        insert.setString(4, message.type());
        insert.setString(5, message.topic());
        insert.setString(6, json(message.payload()));
        insert.setString(7, message.traceparent());
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload could not be written as JSON", e);
        }
    }
}
