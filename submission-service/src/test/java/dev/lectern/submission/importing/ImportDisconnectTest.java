package dev.lectern.submission.importing;

import dev.lectern.submission.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes away in the middle of its upload: the import stops, is reported failed with a code that
 * says so, and the record cut in half is not written, whatever its cut-off text would pass for.
 */
@QuarkusTest
class ImportDisconnectTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUploadCutShortIsReportedInterruptedAndItsCutRecordIsNotWritten() throws Exception {
        String slug = ImportTest.event();
        String rows = ImportTest.HEADER
                + "cut-1,Whole talk one,Abstract one,talk,compliance-legal,en,,Speaker One,one@example.com,,,,,,,,,\r\n"
                + "cut-2,Whole talk two,Abstract two,talk,compliance-legal,en,,Speaker Two,two@example.com,,,,,,,,,\r\n"
                + "cut-3,Cut talk three,\"An abstract cut off in the mid";
        uploadAndGoAway(slug, "", rows, () -> jobs(slug).getList("$").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(jobs(slug).getString("[0].status")));
        JsonPath job = jobs(slug);
        assertNotEquals("COMPLETED", job.getString("[0].status"), job.prettify());
        assertEquals("FAILED", job.getString("[0].status"), job.prettify());
        assertEquals("import-upload-interrupted", job.getString("[0].error.code"), job.prettify());
        assertTrue(job.getString("[0].error.detail").contains("run the same import again"), job.prettify());
        assertEquals(0, count(slug, "cut-3"), "the record cut in half was written");
    }

    /**
     * In all-or-nothing mode the records of the batches written before the client went away are rolled back:
     * the stored report must say skipped, not created with the id of a proposal that no longer exists.
     */
    @Test
    void anAllOrNothingUploadCutShortReportsItsWrittenRecordsSkipped() throws Exception {
        String slug = ImportTest.event();
        byte[] header = ImportTest.HEADER.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head(slug, "?mode=all-or-nothing", 1_000_000).getBytes(StandardCharsets.US_ASCII));
            out.write(header);
            // Whole records, a few at a time, until the first batch (100 in the test profile) is written (its
            // counts are committed at once, for progress); fewer than 200, so the second batch is never full.
            // The service must see records as they arrive, not a read buffer later.
            int sent = 0;
            while (sent < 199 && !firstBatchWritten(slug)) {
                StringBuilder rows = new StringBuilder();
                for (int i = 0; i < 10 && sent < 199; i++) {
                    sent++;
                    rows.append("whole-").append(sent).append(",Talk ").append(sent)
                            .append(",Abstract,talk,compliance-legal,en,,Speaker,s").append(sent).append("@example.com,,,,,,,,,\r\n");
                }
                out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> firstBatchWritten(slug));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(jobs(slug).getString("[0].status")));
        JsonPath job = jobs(slug);
        assertEquals("import-upload-interrupted", job.getString("[0].error.code"), job.prettify());
        assertTrue(job.getString("[0].error.detail").contains("nothing was written"), job.prettify());
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 0, "rejected", 0, "skipped", 100),
                job.getMap("[0].counts"), job.prettify());
        JsonPath report = ImportTest.given().header("Authorization", Fixtures.organizer())
                .when().get("/api/events/" + slug + "/imports/" + job.getString("[0].id"))
                .then().statusCode(200).extract().jsonPath();
        List<String> outcomes = report.getList("records.outcome");
        assertEquals(100, outcomes.size(), report.prettify());
        assertTrue(outcomes.stream().allMatch("skipped"::equals), report.prettify());
        assertTrue(report.getList("records.proposalId").stream().allMatch(java.util.Objects::isNull), report.prettify());
        assertEquals(0, count(slug, "whole-1"), "a record of the rolled-back batch was written");
    }

    /** Whether the import's first batch of 100 is written, by its counts (one request). */
    private static boolean firstBatchWritten(String slug) {
        JsonPath jobs = jobs(slug);
        return jobs.getList("$").size() == 1 && jobs.getInt("[0].counts.created") == 100;
    }

    private String head(String slug, String query, int contentLength) {
        return "POST /api/events/" + slug + "/imports" + query + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: " + Fixtures.organizer() + "\r\n"
                + "Content-Type: text/csv\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Sends the head and {@code rows} of an upload that promises more, waits until {@code ready}, and goes away. */
    private void uploadAndGoAway(String slug, String query, String rows, Callable<Boolean> ready) throws Exception {
        byte[] sent = rows.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head(slug, query, sent.length + 10_000).getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            // Let the service read what was sent, then go away before the promised rest of the body.
            await().atMost(Duration.ofSeconds(10)).until(ready);
        }
    }

    private long count(String slug, String externalId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM proposal p JOIN event e "
                     + "ON e.id = p.event_id WHERE e.slug = ? AND p.external_id = ?")) {
            statement.setString(1, slug);
            statement.setString(2, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonPath jobs(String slug) {
        return ImportTest.given().header("Authorization", Fixtures.organizer())
                .when().get("/api/events/" + slug + "/imports").then().statusCode(200).extract().jsonPath();
    }
}
