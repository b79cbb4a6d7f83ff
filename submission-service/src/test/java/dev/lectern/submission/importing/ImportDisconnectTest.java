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
        byte[] sent = rows.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/events/" + slug + "/imports HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: " + Fixtures.organizer() + "\r\n"
                + "Content-Type: text/csv\r\n"
                + "Content-Length: " + (sent.length + 10_000) + "\r\n\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            // Let the service read what was sent, then go away before the promised rest of the body.
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs(slug).getList("$").size() == 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(jobs(slug).getString("[0].status")));
        JsonPath job = jobs(slug);
        assertNotEquals("COMPLETED", job.getString("[0].status"), job.prettify());
        assertEquals("FAILED", job.getString("[0].status"), job.prettify());
        assertEquals("import-upload-interrupted", job.getString("[0].error.code"), job.prettify());
        assertTrue(job.getString("[0].error.detail").contains("run the same import again"), job.prettify());
        assertEquals(0, count(slug, "cut-3"), "the record cut in half was written");
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
