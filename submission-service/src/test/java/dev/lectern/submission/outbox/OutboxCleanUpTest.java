package dev.lectern.submission.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention clean-up deletes sent rows older than the cut-off, and never a younger or a pending one. */
@QuarkusTest
class OutboxCleanUpTest {

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deletesOldSentRowsOnlyAndKeepsPendingOnesWhateverTheirAge() throws SQLException {
        Instant now = Instant.now();
        long oldSent = insert(now.minus(10, ChronoUnit.DAYS), null);
        long youngSent = insert(now.minus(1, ChronoUnit.HOURS), null);
        try (Connection holder = dataSource.getConnection()) {
            // An old row still pending: its queue entry exists and is locked, so the relay (which publishes it as
            // soon as the row appears) cannot take it off the queue before the clean-up has run.
            long oldPending = nextSeq();
            execute("INSERT INTO outbox_pending (seq) VALUES (" + oldPending + ")");
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT seq FROM outbox_pending WHERE seq = ? FOR UPDATE")) {
                lock.setLong(1, oldPending);
                lock.executeQuery().close();
            }
            insert(now.minus(10, ChronoUnit.DAYS), oldPending);

            assertTrue(relay.deleteSentBefore(now.minus(7, ChronoUnit.DAYS)) >= 1);

            assertEquals(0, count(oldSent), "an old sent row is deleted");
            assertEquals(1, count(youngSent), "a sent row younger than the retention stays");
            assertEquals(1, count(oldPending), "a pending row stays, however old");
            holder.rollback();
        }
    }

    private long nextSeq() throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT nextval('outbox_seq_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An outbox row created at {@code createdAt}; with {@code seq} null a new seq and no queue entry (as if sent). */
    private long insert(Instant createdAt, Long seq) throws SQLException {
        long s = seq == null ? nextSeq() : seq;
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (seq, id, aggregatetype, aggregateid, type, "
                     + "topic, payload, created_at) VALUES (?, ?, 'proposal', ?, 'dev.lectern.test.cleanup.v1', 'cfp.proposals', "
                     + "'{}', ?)")) {
            insert.setLong(1, s);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, "cleanup-test-" + UUID.randomUUID());
            insert.setTimestamp(4, java.sql.Timestamp.from(createdAt));
            insert.executeUpdate();
        }
        return s;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private long count(long seq) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE seq = " + seq)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
