package dev.lectern.submission.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

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
 */
@ApplicationScoped
public class Outbox {

    /** PostgreSQL channel the relay listens on; NOTIFY is delivered at commit, to every instance. */
    public static final String CHANNEL = "lectern_outbox";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** An event to append: what it is about, its CloudEvents type, its topic and its payload. */
    public record Message(String aggregateType, String aggregateId, String type, String topic, Object payload) {
    }

    /*
     * The insert and the NOTIFY in one statement: one round trip instead of two. (A trigger queues the row for the
     * relay in outbox_pending.) deploy/bench/submission.pgbench.sql runs the same statement.
     */
    private static final String APPEND = "WITH appended AS (INSERT INTO outbox (id, aggregatetype, aggregateid, type, "
            + "topic, payload) VALUES (?, ?, ?, ?, ?, CAST(? AS json)) RETURNING seq) "
            + "SELECT pg_notify('" + CHANNEL + "', '') FROM appended";

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String aggregateType, String aggregateId, String type, String topic, Object payload) {
        return append(new Message(aggregateType, aggregateId, type, topic, payload));
    }

    /** Appends one event; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(Message message) {
        UUID id = Ids.timeOrdered();
        // Flushed by hand: a JDBC statement does not flush the session, as a Hibernate query would. Plain JDBC,
        // because Hibernate's native query took more CPU than the statement's round trip.
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(APPEND)) {
                bind(insert, id, message);
                insert.executeQuery().close();
            }
        });
        return id;
    }

    /**
     * Appends many events in one batched insert and one NOTIFY, in list order (so in seq order); for
     * bulk writers. The caller holds the locks of all their aggregates, as for {@link #append}. (The trigger
     * queues the rows for the relay, one call per statement the driver sends.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox "
                    + "(id, aggregatetype, aggregateid, type, topic, payload) VALUES (?, ?, ?, ?, ?, CAST(? AS json))")) {
                for (Message message : messages) {
                    bind(insert, Ids.timeOrdered(), message);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement notify = connection.createStatement()) {
                notify.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            }
        });
    }

    /** Binds the six columns both inserts list, in their order: id, aggregate type and id, type, topic, payload. */
    private void bind(PreparedStatement insert, UUID id, Message message) throws SQLException {
        insert.setObject(1, id);
        insert.setString(2, message.aggregateType());
        insert.setString(3, message.aggregateId());
        insert.setString(4, message.type());
        insert.setString(5, message.topic());
        insert.setString(6, json(message.payload()));
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload could not be written as JSON", e);
        }
    }
}
