package dev.lectern.infra;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL and one in-JVM Kafka broker per test JVM, started on first use and stopped
 * when the JVM exits.
 *
 * <p>Quarkus may load this class more than once (one class loader per application restart), so the
 * addresses live in system properties, which every class loader sees, not in static fields alone.
 */
public final class TestInfrastructure {

    private static final String JDBC_PORT = "lectern.test.postgres.port";
    private static final String BOOTSTRAP = "lectern.test.kafka.bootstrap";
    private static final String KEY_DIR = "lectern.test.keys";

    private TestInfrastructure() {
    }

    public static synchronized int postgresPort() {
        String port = System.getProperty(JDBC_PORT);
        if (port == null) {
            Postgres postgres = Postgres.forTests();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
            port = String.valueOf(postgres.port());
            System.setProperty(JDBC_PORT, port);
        }
        return Integer.parseInt(port);
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort() + "/" + database;
    }

    public static synchronized String kafkaBootstrapServers() {
        String bootstrap = System.getProperty(BOOTSTRAP);
        if (bootstrap == null) {
            try {
                // The broker shares the test JVM: it must never end it. When its files go at JVM exit it
                // would otherwise halt the JVM ("all log dirs have failed") with a non-zero code.
                org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> { });
                org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) -> { });
                KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "3")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("num.partitions", String.valueOf(KafkaBroker.PARTITIONS))
                        .setConfigProp("auto.create.topics.enable", "true")
                        .build();
                kafka.format();
                kafka.startup();
                kafka.waitForReadyBrokers();
                // Closing the broker at JVM exit can outlast the test runner's patience and fail the fork;
                // its threads die with the JVM, so only its files need removing.
                Path baseDirectory = Path.of(kafka.nodes().baseDirectory());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(baseDirectory), "test-kafka-clean"));
                bootstrap = kafka.bootstrapServers();
                KafkaBroker.createTopics(bootstrap, KafkaBroker.TOPICS, KafkaBroker.PARTITIONS);
                System.setProperty(BOOTSTRAP, bootstrap);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("the test Kafka broker did not start: " + e.getMessage(), e);
            }
        }
        return bootstrap;
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temporary directory
        }
    }

    /** The signing key tests mint tokens with; the services under test trust its public half. */
    public static synchronized Tokens tokens() {
        return Tokens.loadOrCreate(keyDirectory());
    }

    private static Path keyDirectory() {
        String dir = System.getProperty(KEY_DIR);
        if (dir == null) {
            try {
                Path created = Files.createTempDirectory("lectern-test-keys");
                created.toFile().deleteOnExit();
                dir = created.toString();
                System.setProperty(KEY_DIR, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Path.of(dir);
    }
}
