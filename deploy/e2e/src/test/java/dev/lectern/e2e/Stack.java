package dev.lectern.e2e;

import dev.lectern.infra.KafkaBroker;
import dev.lectern.infra.Postgres;
import dev.lectern.infra.ServiceProcess;
import dev.lectern.infra.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system for end-to-end tests: PostgreSQL, a Kafka broker in its own process, and both
 * services from their built jars as processes of their own, started once per test JVM.
 */
public final class Stack {

    private static Stack instance;

    public final Postgres postgres;
    public final KafkaBroker kafka;
    public final Tokens tokens;
    public final Path logs;
    private final Path root;
    private final Path keys;
    private int instances;

    private Stack() throws IOException {
        root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        logs = root.resolve("deploy/e2e/target/e2e-logs");
        Files.createDirectories(logs);
        keys = Files.createTempDirectory("lectern-e2e-keys");
        tokens = Tokens.loadOrCreate(keys);
        // A data directory of its own (zonky's fast settings otherwise), so the fault suite can restart the server.
        Path pgDir = Files.createTempDirectory("lectern-e2e-pg");
        postgres = Postgres.start(0, pgDir.resolve("data"), false);
        kafka = KafkaBroker.spawn(0, Files.createTempDirectory("lectern-e2e-kafka"), logs.resolve("kafka.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.kill();
            postgres.close();
            deleteQuietly(pgDir);
        }, "e2e-stack-stop"));
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }

    public static synchronized Stack get() {
        if (instance == null) {
            try {
                instance = new Stack();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A new submission-service process (not yet started); several may run against one database. */
    public ServiceProcess submission() {
        return service("submission", 0, Map.of());
    }

    /** A submission-service process with extra environment, e.g. a fault to inject. */
    public ServiceProcess submission(Map<String, String> environment) {
        return service("submission", 0, environment);
    }

    public ServiceProcess review() {
        return service("review", 0, Map.of());
    }

    /** A review-service process with extra environment. */
    public ServiceProcess review(Map<String, String> environment) {
        return service("review", 0, environment);
    }

    /** A service process on a fixed port (the browser tests need both addresses before either starts). */
    public synchronized ServiceProcess service(String name, int port, Map<String, String> extra) {
        String database = "lectern_" + name;
        Map<String, String> env = new HashMap<>();
        env.put("LECTERN_SUBMISSION_DB_URL", postgres.jdbcUrl(database));
        env.put("LECTERN_REVIEW_DB_URL", postgres.jdbcUrl(database));
        env.put("LECTERN_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("LECTERN_JWT_PUBLIC_KEY_LOCATION", keys.resolve("jwt-public.pem").toUri().toString());
        env.put("LECTERN_JWT_ISSUER", Tokens.ISSUER);
        // The load here comes from one test client, which the production rate limits would throttle.
        env.put("LECTERN_RATE_LIMIT_ENABLED", "false");
        // The tests' own producers (DeadLetterIT, the fault suite's malformed burst) count as allowed, so that
        // what they send is judged on its content; the allow-list itself is tested in each service's OwaspApiTop10Test.
        env.put("LECTERN_SUBMISSION_ALLOWED_SOURCES", "/lectern/review-service,/lectern/organizer-tooling,/e2e,/fault-suite");
        env.put("LECTERN_REVIEW_ALLOWED_SOURCES", "/lectern/submission-service,/e2e,/fault-suite");
        // Plain lines, as ./lectern up writes them: the tests read the logs.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.putAll(extra);
        int n = ++instances;
        return new ServiceProcess(name + "-" + n, root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar"),
                port, env, logs.resolve(name + "-" + n + ".log"));
    }

    public String bearer(String subject, String... groups) {
        return "Bearer " + tokens.mint(subject, List.of(groups));
    }

    public Connection database(String service) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("lectern_" + service), Postgres.USER, Postgres.PASSWORD);
    }
}
