package dev.lectern.submission.outbox;

import dev.lectern.platform.outbox.OutboxRelay;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retention clean-up deletes sent rows older than the cut-off, and never a younger or a pending one, however
 * many rows come before them. It runs against tables of the outbox's shape that only this test's connection sees,
 * so the running relay cannot send (and dequeue) the test's pending rows first.
 */
@QuarkusTest
class OutboxCleanUpTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deletesOldSentRowsOnlyAndKeepsPendingOnesWhateverTheirAge() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Temporary tables come first on the search path.
            statement.execute("CREATE TEMP TABLE outbox (LIKE public.outbox INCLUDING ALL) ON COMMIT DROP");
            statement.execute("CREATE TEMP TABLE outbox_pending (LIKE public.outbox_pending INCLUDING ALL) ON COMMIT DROP");
            // 25,000 rows ten days old (more than one clean-up statement looks at), every 1,000th of them still
            // pending, then 100 rows an hour old.
            statement.execute("INSERT INTO outbox (seq, id, aggregatetype, aggregateid, type, topic, payload, created_at) "
                    + "SELECT g, gen_random_uuid(), 'proposal', 'p-' || g, 't', 'cfp.proposals', '{}', "
                    + "CASE WHEN g <= 25000 THEN now() - interval '10 days' ELSE now() - interval '1 hour' END "
                    + "FROM generate_series(1, 25100) g");
            statement.execute("INSERT INTO outbox_pending (seq) SELECT g FROM generate_series(1000, 25000, 1000) g");

            int deleted = OutboxRelay.deleteSentBefore(connection, Instant.now().minus(7, ChronoUnit.DAYS));

            assertEquals(25000 - 25, deleted, "every old sent row is deleted");
            assertEquals(25, count(statement, "SELECT count(*) FROM outbox WHERE created_at < now() - interval '7 days'"),
                    "the old pending rows stay");
            assertEquals(25, count(statement, "SELECT count(*) FROM outbox o JOIN outbox_pending q ON q.seq = o.seq"),
                    "the pending rows are those that stayed");
            assertEquals(100, count(statement, "SELECT count(*) FROM outbox WHERE created_at > now() - interval '7 days'"),
                    "rows younger than the retention stay");
            connection.rollback();
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
