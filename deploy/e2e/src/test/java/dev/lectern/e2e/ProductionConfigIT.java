package dev.lectern.e2e;

import dev.lectern.infra.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API8 (security misconfiguration): there is no default signing key. A service jar started in its
 * production profile without a verification key and issuer refuses to start, and says which settings are
 * missing, before it touches a database or a broker. The same holds for the database URL and the Kafka
 * bootstrap servers, which have local defaults only outside the production profile; its logs are JSON lines.
 */
@Tag("slow")
class ProductionConfigIT {

    @ParameterizedTest
    @ValueSource(strings = {"submission", "review"})
    void api8_productionRefusesToStartWithoutAJwtVerificationKeyAndIssuer(String service) throws Exception {
        Path root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        Path log = root.resolve("deploy/e2e/target/e2e-logs/" + service + "-prod-without-key.log");
        Files.deleteIfExists(log);
        ServiceProcess process = new ServiceProcess(service + "-prod-without-key",
                root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar"), 0,
                Map.of(
                        // Empty counts as unset, whatever the environment running the tests holds.
                        "LECTERN_JWT_PUBLIC_KEY_LOCATION", "",
                        "LECTERN_JWT_ISSUER", "",
                        // Nothing to reach, so a start that got past the key could not succeed by accident either.
                        "LECTERN_SUBMISSION_DB_URL", "jdbc:postgresql://localhost:1/none",
                        "LECTERN_REVIEW_DB_URL", "jdbc:postgresql://localhost:1/none",
                        "LECTERN_KAFKA_BOOTSTRAP", "localhost:1",
                        "QUARKUS_PROFILE", "prod"),
                log);
        int exit;
        try {
            exit = process.launch().awaitExit(Duration.ofSeconds(120));
        } finally {
            process.kill();
        }
        String output = read(log);
        assertNotEquals(0, exit, output);
        assertTrue(output.contains("mp.jwt.verify.publickey.location"), "names the missing key location: " + output);
        assertTrue(output.contains("mp.jwt.verify.issuer"), "names the missing issuer: " + output);
        assertTrue(!output.contains("Listening on"), "never served a request: " + output);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "submission, LECTERN_SUBMISSION_DB_URL, quarkus.datasource.jdbc.url",
            "submission, LECTERN_KAFKA_BOOTSTRAP, kafka.bootstrap.servers",
            "review, LECTERN_REVIEW_DB_URL, quarkus.datasource.jdbc.url",
            "review, LECTERN_KAFKA_BOOTSTRAP, kafka.bootstrap.servers"})
    void productionRefusesToStartWithoutItsDatabaseOrKafkaNamingTheSetting(String service, String variable,
                                                                          String setting) throws Exception {
        Path root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        Path log = root.resolve("deploy/e2e/target/e2e-logs/" + service + "-prod-without-" + variable + ".log");
        Files.deleteIfExists(log);
        Map<String, String> environment = new HashMap<>(Map.of(
                "LECTERN_JWT_PUBLIC_KEY_LOCATION", "file:/nonexistent/jwt-public.pem",
                "LECTERN_JWT_ISSUER", "https://issuer.example",
                "LECTERN_SUBMISSION_DB_URL", "jdbc:postgresql://localhost:1/none",
                "LECTERN_REVIEW_DB_URL", "jdbc:postgresql://localhost:1/none",
                "LECTERN_KAFKA_BOOTSTRAP", "localhost:1",
                "QUARKUS_PROFILE", "prod"));
        // Empty counts as unset, whatever the environment running the tests holds.
        environment.put(variable, "");
        ServiceProcess process = new ServiceProcess(service + "-prod-without-" + variable,
                root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar"), 0, environment, log);
        int exit;
        try {
            exit = process.launch().awaitExit(Duration.ofSeconds(120));
        } finally {
            process.kill();
        }
        String output = read(log);
        assertNotEquals(0, exit, output);
        assertTrue(output.contains("Failed to load config value of type class java.lang.String for: " + setting),
                "names the missing setting " + setting + ": " + output);
        assertTrue(!output.contains("Listening on"), "never served a request: " + output);
    }

    /** Once configured, the production profile logs JSON lines, here the failure to reach the database. */
    @ParameterizedTest
    @ValueSource(strings = {"submission", "review"})
    void productionLogsJsonLines(String service) throws Exception {
        Path root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        Path log = root.resolve("deploy/e2e/target/e2e-logs/" + service + "-prod-json.log");
        Files.deleteIfExists(log);
        ServiceProcess process = new ServiceProcess(service + "-prod-json",
                root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar"), 0,
                Map.of(
                        "LECTERN_JWT_PUBLIC_KEY_LOCATION", "file:/nonexistent/jwt-public.pem",
                        "LECTERN_JWT_ISSUER", "https://issuer.example",
                        "LECTERN_SUBMISSION_DB_URL", "jdbc:postgresql://localhost:1/none",
                        "LECTERN_REVIEW_DB_URL", "jdbc:postgresql://localhost:1/none",
                        "LECTERN_KAFKA_BOOTSTRAP", "localhost:1",
                        "QUARKUS_PROFILE", "prod"),
                log);
        int exit;
        try {
            exit = process.launch().awaitExit(Duration.ofSeconds(120));
        } finally {
            process.kill();
        }
        String output = read(log);
        assertNotEquals(0, exit, output);
        assertTrue(output.lines().anyMatch(line -> line.startsWith("{\"timestamp\":")
                        && line.contains("\"level\":\"ERROR\"") && line.contains("\"message\":\"Failed to start application\"")),
                "a JSON line says the start failed: " + output);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
