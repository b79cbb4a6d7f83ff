package dev.lectern.submission.outbox;

import dev.lectern.platform.outbox.OutboxRelay;

import dev.lectern.submission.QueryPlans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's read of the first unsent rows must probe the outbox's primary key once per queued row, whatever the
 * statistics say: a join that scanned the whole outbox on every drain put the relay ten seconds behind during a
 * first import into a new database.
 */
@QuarkusTest
class OutboxDrainPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void drainProbesTheOutboxByKeyOnTablesWithoutStatistics() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Tables of the same shape, never analysed: temporary tables come first on the search path.
            statement.execute("CREATE TEMP TABLE outbox (LIKE public.outbox INCLUDING ALL) ON COMMIT DROP");
            statement.execute("CREATE TEMP TABLE outbox_pending (LIKE public.outbox_pending INCLUDING ALL) ON COMMIT DROP");
            statement.execute("INSERT INTO outbox (seq, id, aggregatetype, aggregateid, type, topic, payload) "
                    + "SELECT g, gen_random_uuid(), 'proposal', 'p-' || g, 't', 'cfp.proposals', '{}' FROM generate_series(1, 50000) g");
            statement.execute("INSERT INTO outbox_pending (seq) SELECT g FROM generate_series(49001, 50000) g");
            for (boolean generic : new boolean[] {false, true}) {
                String planMode = generic ? "generic plan" : "plan for the bound limit";
                String plan = generic ? QueryPlans.generic(statement, OutboxRelay.DRAIN, "500") : explain(connection);
                assertTrue(plan.contains("Nested Loop") && plan.contains("Index Scan using outbox_pkey"),
                        planMode + ": one primary-key probe per queued row expected, got\n" + plan);
                assertFalse(plan.matches("(?s).*Seq Scan on outbox(?!_).*") || plan.contains("Hash Join"),
                        planMode + ": no scan of the whole outbox expected, got\n" + plan);
            }
            connection.rollback();
        }
    }

    private static String explain(Connection connection) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + OutboxRelay.DRAIN)) {
            explain.setInt(1, 500);
            return QueryPlans.explained(explain);
        }
    }
}
