package dev.lectern.submission.importing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Migration V5 turns the per-record import reports of earlier versions into rows per batch. It is run here on a
 * schema of its own, from V4, over reports of the old shape: the pages read afterwards must be what the old
 * table held, in order, with the same nulls.
 */
@QuarkusTest
class ImportBatchMigrationTest {

    private static final String SCHEMA = "import_batch_migration";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void oldReportsReadTheSameAfterTheMigration() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            try {
                flyway("4").migrate();
                statement.execute("SET search_path TO " + SCHEMA);
                UUID event = UUID.randomUUID();
                UUID big = UUID.randomUUID();
                UUID gaps = UUID.randomUUID();
                UUID proposal = UUID.randomUUID();
                statement.execute("INSERT INTO event (id, slug, name_en, time_zone, cfp_opens_at, cfp_closes_at, tracks, formats, "
                        + "languages, created_by, version, created_at, updated_at) VALUES ('" + event + "', 'm', 'M', 'UTC', now(), now(), "
                        + "'[]', '[]', '[]', 'o', 1, now(), now())");
                for (UUID job : List.of(big, gaps)) {
                    statement.execute("INSERT INTO import_job (id, event_id, format, mode, status, started_by, started_at) VALUES ('"
                            + job + "', '" + event + "', 'csv', 'partial', 'COMPLETED', 'o', now())");
                }
                // 1,201 records in one job: three rows of at most 500. Every seventh is rejected with its errors,
                // every fifth has no external id; the others name a proposal.
                statement.execute("INSERT INTO import_record (job_id, seq, line, external_id, outcome, proposal_id, errors) "
                        + "SELECT '" + big + "', g, g + 1, CASE WHEN g % 5 = 0 THEN NULL ELSE 'x-' || g END, "
                        + "CASE WHEN g % 7 = 0 THEN 'rejected' ELSE 'created' END, "
                        + "CASE WHEN g % 7 = 0 THEN NULL ELSE '" + proposal + "'::uuid END, "
                        + "CASE WHEN g % 7 = 0 THEN jsonb_build_array(jsonb_build_object('field', 'track', 'code', 'unknown-track', "
                        + "'message', '未知 ' || g)) END FROM generate_series(1, 1201) g");
                // A job with gaps, which no version wrote but the migration must not choke on.
                statement.execute("INSERT INTO import_record (job_id, seq, line, external_id, outcome) "
                        + "SELECT '" + gaps + "', g, g, 'y-' || g, 'unchanged' FROM unnest(ARRAY[1, 2, 3, 7, 8, 20]) g");
                List<String> bigBefore = rows(statement, "SELECT seq, line, external_id, outcome, proposal_id, errors "
                        + "FROM import_record WHERE job_id = '" + big + "' ORDER BY seq");
                List<String> gapsBefore = rows(statement, "SELECT seq, line, external_id, outcome, proposal_id, errors "
                        + "FROM import_record WHERE job_id = '" + gaps + "' ORDER BY seq");

                flyway("5").migrate();

                assertEquals(List.of("1|500", "501|1000", "1001|1201"),
                        rows(statement, "SELECT first_seq, last_seq FROM import_batch WHERE job_id = '" + big + "' ORDER BY first_seq"));
                assertEquals(List.of("1|3", "7|8", "20|20"),
                        rows(statement, "SELECT first_seq, last_seq FROM import_batch WHERE job_id = '" + gaps + "' ORDER BY first_seq"));
                assertEquals(bigBefore, page(statement, big, 0, null, 5000));
                assertEquals(gapsBefore, page(statement, gaps, 0, null, 5000));
                // Pages from a cursor, and the rejected records only, as the API asks for them.
                assertEquals(bigBefore.subList(499, 502), page(statement, big, 499, null, 3));
                List<String> rejected = bigBefore.stream().filter(row -> row.contains("|rejected|")).toList();
                assertEquals(rejected, page(statement, big, 0, "rejected", 5000));
            } finally {
                statement.execute("RESET search_path");
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration")
                .target(target).load();
    }

    /** A page as {@link ImportService#RECORDS} reads it, in the old table's columns. */
    private static List<String> page(Statement statement, UUID job, int after, String outcome, int limit) throws Exception {
        String sql = ImportService.RECORDS;
        for (String value : new String[] {"'" + job + "'", String.valueOf(after), String.valueOf(after),
                outcome == null ? "NULL" : "'" + outcome + "'", outcome == null ? "NULL" : "'" + outcome + "'",
                String.valueOf(limit)}) {
            sql = sql.replaceFirst("\\?", value);
        }
        return rows(statement, sql);
    }

    private static List<String> rows(Statement statement, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
