package dev.lectern.e2e;

import dev.lectern.infra.Postgres;
import dev.lectern.infra.ServiceProcess;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL over TLS as docs/operations.md says to set it: {@code sslmode=verify-full} with the server's CA on the
 * datasource and the relay's listening connection. A service started so serves a submission that reaches Kafka,
 * and every one of its sessions, the relay's too, is encrypted; one that is given another CA refuses to start and
 * says why.
 */
class PostgresTlsIT {

    static Postgres postgres;
    static Certificates server;
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("lectern-e2e-postgres-tls");
        server = Certificates.selfSigned(directory.resolve("server"), "postgres", "changeit");
        postgres = Postgres.withTls(server.certificate(), server.privateKeyPem());
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aServiceOnVerifyFullServesSubmissionsAndEverySessionIsEncrypted() throws Exception {
        Stack stack = Stack.get();
        String url = postgres.jdbcUrl("lectern_submission") + "?sslmode=verify-full&sslrootcert=" + server.certificate();
        ServiceProcess submission = stack.submission(Map.of("LECTERN_SUBMISSION_DB_URL", url,
                "LECTERN_OUTBOX_LISTEN_URL", url)).start();
        try {
            String organizer = stack.bearer("organizer@lectern.test", "organizer");
            String slug = Api.createEvent(submission.baseUrl(), organizer);
            String email = "tls-" + slug + "@speakers.test";
            String id = Api.submit(submission.baseUrl(), stack.bearer(email, "speaker"), slug,
                    Api.talk("TLS all the way", "ospo-experience", "Speaker", email, "Company"), null)
                    .then().statusCode(201).extract().path("id");
            List<ConsumerRecord<String, String>> published = Topics.read(stack.kafka.bootstrapServers(), "cfp.proposals",
                    Set.of(id), records -> !records.isEmpty(), Duration.ofSeconds(30));
            assertEquals("dev.lectern.proposal.submitted.v1", Topics.header(published.get(0), "ce_type"));

            try (Connection connection = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("""
                         SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl),
                                count(*) FILTER (WHERE s.ssl AND a.application_name = 'lectern-outbox-relay')
                           FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                          WHERE a.datname = 'lectern_submission' AND a.pid <> pg_backend_pid()""")) {
                rs.next();
                assertTrue(rs.getLong(1) >= 2, "the pool's and the relay's sessions use TLS: " + rs.getLong(1));
                assertEquals(0, rs.getLong(2), "no session without TLS");
                assertEquals(1, rs.getLong(3), "the relay's listening session uses TLS");
            }
        } finally {
            submission.stop();
        }
    }

    @Test
    void aServiceThatDoesNotTrustTheServersCertificateRefusesToStartAndSaysWhy() throws Exception {
        Certificates stranger = Certificates.selfSigned(directory.resolve("stranger"), "stranger", "changeit");
        String url = postgres.jdbcUrl("lectern_submission") + "?sslmode=verify-full&sslrootcert=" + stranger.certificate();
        Map<String, String> environment = new HashMap<>(Map.of("LECTERN_SUBMISSION_DB_URL", url, "LECTERN_OUTBOX_LISTEN_URL", url));
        ServiceProcess submission = Stack.get().submission(environment);
        int exit = submission.launch().awaitExit(Duration.ofSeconds(120));
        String log = Files.readString(submission.logFile());
        assertNotEquals(0, exit, log);
        assertTrue(log.contains("SSL error") || log.contains("PKIX path") || log.contains("certificate"),
                "the log names the certificate problem: " + log.substring(Math.max(0, log.length() - 3000)));
    }
}
