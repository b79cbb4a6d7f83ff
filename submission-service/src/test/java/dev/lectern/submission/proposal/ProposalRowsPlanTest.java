package dev.lectern.submission.proposal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import's lookup of existing proposals by external id must probe the (event_id, external_id) unique index
 * once per id, whatever the statistics say: a plan that scanned the event's proposals and filtered on the id
 * array made a first import into a new database three times slower (each batch read every row before it).
 */
@QuarkusTest
class ProposalRowsPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void lookupByExternalIdsProbesTheUniqueIndexOnATableWithoutStatistics() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            UUID event = UUID.randomUUID();
            // A table of the same shape, never analysed, holding one event's rows: temporary tables come first on
            // the search path, so the lookup's SQL reads this one.
            statement.execute("CREATE TEMP TABLE proposal (LIKE public.proposal INCLUDING ALL) ON COMMIT DROP");
            statement.execute("INSERT INTO proposal (id, event_id, status, version, title, abstract, format, track, language, tags, "
                    + "speakers, owner_subject, external_id, created_at, updated_at) SELECT gen_random_uuid(), '" + event + "', "
                    + "'SUBMITTED', 1, 't', 'a', 'talk', 't', 'en', '[]', '[]', 'o', 'x-' || g, now(), now() "
                    + "FROM generate_series(1, 5000) g");
            for (boolean generic : new boolean[] {false, true}) {
                String planMode = generic ? "generic plan" : "plan for the bound ids";
                String plan = generic ? genericPlan(statement, event) : explain(connection, event);
                assertTrue(plan.contains("Nested Loop") && plan.contains("external_id)::text = wanted.external_id"),
                        planMode + ": one index probe per wanted id expected, got\n" + plan);
                assertFalse(plan.contains("created_at_id_idx") || plan.contains("Seq Scan on proposal")
                        || plan.contains("Join Filter"), planMode + ": no scan of the event's rows expected, got\n" + plan);
            }
            connection.rollback();
        }
    }

    /**
     * The generic plan, the one a prepared statement may switch to after five executions: made for any ids
     * (an EXPLAIN that binds the ids plans for those values, whatever plan_cache_mode says).
     */
    private static String genericPlan(Statement statement, UUID event) throws Exception {
        String sql = ProposalRows.SELECT.formatted(" FOR NO KEY UPDATE");
        int n = 0;
        StringBuilder numbered = new StringBuilder();
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        statement.execute("PREPARE lookup AS " + numbered);
        statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE lookup('{x-1,x-8,x-15}', '" + event + "')")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        statement.execute("DEALLOCATE lookup");
        return plan.toString();
    }

    private static String explain(Connection connection, UUID event) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + ProposalRows.SELECT.formatted(" FOR NO KEY UPDATE"))) {
            String[] wanted = new String[500];
            for (int i = 0; i < wanted.length; i++) {
                wanted[i] = "x-" + (i * 7 + 1);
            }
            explain.setArray(1, connection.createArrayOf("text", wanted));
            explain.setObject(2, event);
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
