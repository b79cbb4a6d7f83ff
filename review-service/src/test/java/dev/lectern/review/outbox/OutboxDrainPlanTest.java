package dev.lectern.review.outbox;

import dev.lectern.platform.outbox.OutboxRelay;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
                    + "SELECT g, gen_random_uuid(), 'decision', 'd-' || g, 't', 'cfp.decisions', '{}' FROM generate_series(1, 50000) g");
            statement.execute("INSERT INTO outbox_pending (seq) SELECT g FROM generate_series(49001, 50000) g");
            for (boolean generic : new boolean[] {false, true}) {
                String planMode = generic ? "generic plan" : "plan for the bound limit";
                String plan = generic ? genericPlan(statement) : explain(connection);
                assertTrue(plan.contains("Nested Loop") && plan.contains("Index Scan using outbox_pkey"),
                        planMode + ": one primary-key probe per queued row expected, got\n" + plan);
                assertFalse(plan.matches("(?s).*Seq Scan on outbox(?!_).*") || plan.contains("Hash Join"),
                        planMode + ": no scan of the whole outbox expected, got\n" + plan);
            }
            connection.rollback();
        }
    }

    /**
     * The generic plan, the one a prepared statement may switch to after five executions: made for any limit
     * (an EXPLAIN that binds the limit plans for that value, whatever plan_cache_mode says).
     */
    private static String genericPlan(Statement statement) throws Exception {
        statement.execute("PREPARE drain AS " + OutboxRelay.DRAIN.replace("?", "$1"));
        statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE drain(500)")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        statement.execute("DEALLOCATE drain");
        return plan.toString();
    }

    private static String explain(Connection connection) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + OutboxRelay.DRAIN)) {
            explain.setInt(1, 500);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
