package dev.lectern.submission.proposal;

import dev.lectern.submission.QueryPlans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private static final String LOOKUP = ProposalRows.SELECT.formatted(" FOR NO KEY UPDATE");

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
                String plan = generic
                        ? QueryPlans.generic(statement, LOOKUP, "'{x-1,x-8,x-15}', '" + event + "'")
                        : explain(connection, event);
                assertTrue(plan.contains("Nested Loop") && plan.contains("external_id)::text = wanted.external_id"),
                        planMode + ": one index probe per wanted id expected, got\n" + plan);
                assertFalse(plan.contains("created_at_id_idx") || plan.contains("Seq Scan on proposal")
                        || plan.contains("Join Filter"), planMode + ": no scan of the event's rows expected, got\n" + plan);
            }
            connection.rollback();
        }
    }

    private static String explain(Connection connection, UUID event) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + LOOKUP)) {
            String[] wanted = new String[500];
            for (int i = 0; i < wanted.length; i++) {
                wanted[i] = "x-" + (i * 7 + 1);
            }
            explain.setArray(1, connection.createArrayOf("text", wanted));
            explain.setObject(2, event);
            return QueryPlans.explained(explain);
        }
    }
}
