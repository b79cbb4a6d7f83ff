package dev.lectern.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker (combined broker and controller) in a JVM of its own, at the Kafka
 * version the Quarkus BOM manages.
 *
 * <p>{@link #main} runs the broker in the current JVM: it formats the log directory the first time,
 * then hands over to {@code kafka.Kafka}. {@link #spawn} starts that main as a child process, so the
 * local stack and the fault tests can stop, kill and restart the broker like any real one.
 *
 * <p>{@link #spawnSecured} starts one as a managed cluster would run it: clients connect with SASL_SSL
 * (SCRAM-SHA-512, users created when the log directory is formatted) and the StandardAuthorizer refuses what
 * no ACL grants. A plaintext listener on the third port up, whose anonymous user is a super user, is for the
 * test itself (topics, ACLs, reading what the services wrote).
 */
public final class KafkaBroker implements AutoCloseable {

    /** Topics Lectern uses, with the partitions a single-node stack gives them. */
    public static final List<String> TOPICS = List.of(
            "cfp.events", "cfp.proposals", "cfp.decisions",
            "cfp.events.dlq", "cfp.proposals.dlq", "cfp.decisions.dlq");
    public static final int PARTITIONS = 3;

    /** Where a secured broker's settings are written for its process ({@link #main} reads them). */
    private static final String SECURED_SETTINGS = "secured.properties";

    /**
     * A secured broker's TLS key (a PKCS12 key store holding its certificate for {@code localhost}) and its
     * SCRAM-SHA-512 users with their passwords (letters, digits and dashes).
     */
    public record Security(Path keyStore, String keyStorePassword, Map<String, String> scramUsers) {
    }

    private final int port;
    private final Path directory;
    private final Path logFile;
    private final boolean secured;
    private Process process;

    private KafkaBroker(int port, Path directory, Path logFile, boolean secured) {
        this.port = port;
        this.directory = directory;
        this.logFile = logFile;
        this.secured = secured;
    }

    /** Starts a broker process with this JVM's class path and waits until it serves requests. */
    public static KafkaBroker spawn(int port, Path directory, Path logFile) {
        KafkaBroker broker = new KafkaBroker(port == 0 ? freePort(2) : port, directory, logFile, false);
        broker.start();
        return broker;
    }

    /** Starts a SASL_SSL broker with ACLs (see the class comment) on free ports and waits until it serves requests. */
    public static KafkaBroker spawnSecured(Path directory, Path logFile, Security security) {
        KafkaBroker broker = new KafkaBroker(freePort(3), directory, logFile, true);
        Properties settings = new Properties();
        settings.setProperty("ssl.keystore.location", security.keyStore().toAbsolutePath().toString());
        settings.setProperty("ssl.keystore.password", security.keyStorePassword());
        security.scramUsers().forEach((user, password) -> settings.setProperty("scram.user." + user, password));
        try {
            Files.createDirectories(directory);
            try (var out = Files.newBufferedWriter(directory.resolve(SECURED_SETTINGS), StandardCharsets.UTF_8)) {
                settings.store(out, "secured broker: TLS key store and SCRAM users");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker.start();
        return broker;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx512m", "-XX:+UseG1GC"));
            command.addAll(ServiceProcess.TEST_JVM_OPTIONS);
            command.addAll(List.of(
                    "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=classpath:log4j2.properties",
                    "-cp", System.getProperty("java.class.path"),
                    KafkaBroker.class.getName(),
                    String.valueOf(port), directory.toAbsolutePath().toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitReady(adminBootstrapServers(), Duration.ofSeconds(180), process);
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka broker did not start", e);
        }
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process);
        }
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Where clients connect: plaintext, or SASL_SSL for a secured broker. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** A plaintext listener with every right: the broker's own for a plain one, the third port up for a secured one. */
    public String adminBootstrapServers() {
        return "localhost:" + (secured ? port + 2 : port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the broker answers metadata requests, then makes sure Lectern's topics exist. */
    public static void awaitReady(String bootstrapServers, Duration timeout, Process process) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue());
            }
            try {
                createTopics(bootstrapServers, TOPICS, PARTITIONS);
                return;
            } catch (RuntimeException e) {
                last = e;
                sleepQuietly(200);
            }
        }
        throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " was not ready in " + timeout, last);
    }

    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is not ready: " + e.getMessage(), e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The first of {@code count} consecutive free ports, below Linux's ephemeral range (32768 and up): a
     * process that restarts on its port must not find it taken by some client's outgoing connection.
     */
    static synchronized int freePort(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int first = 20000 + random.nextInt(12000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(false);
                    socket.bind(new InetSocketAddress("localhost", port));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }

    /**
     * Runs a broker in this JVM: {@code KafkaBroker PORT DIRECTORY}. The controller listens on the
     * next port up.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path directory = Path.of(args[1]).toAbsolutePath();
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Path config = directory.resolve("server.properties");
        Properties secured = new Properties();
        Path securedSettings = directory.resolve(SECURED_SETTINGS);
        if (Files.exists(securedSettings)) {
            try (var in = Files.newBufferedReader(securedSettings, StandardCharsets.UTF_8)) {
                secured.load(in);
            }
        }
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + (port + 1)),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1)),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", data.toString()),
                Map.entry("num.partitions", String.valueOf(PARTITIONS)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true")));
        List<String> scram = new ArrayList<>();
        if (!secured.isEmpty()) {
            server.putAll(Map.ofEntries(
                    Map.entry("listeners", "SASL_SSL://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1)
                            + ",INTERNAL://localhost:" + (port + 2)),
                    Map.entry("advertised.listeners", "SASL_SSL://localhost:" + port + ",INTERNAL://localhost:" + (port + 2)),
                    Map.entry("inter.broker.listener.name", "INTERNAL"),
                    Map.entry("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT"),
                    Map.entry("sasl.enabled.mechanisms", "SCRAM-SHA-512"),
                    Map.entry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                    Map.entry("ssl.keystore.location", secured.getProperty("ssl.keystore.location")),
                    Map.entry("ssl.keystore.password", secured.getProperty("ssl.keystore.password")),
                    Map.entry("ssl.keystore.type", "PKCS12"),
                    Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                    Map.entry("allow.everyone.if.no.acl.found", "false"),
                    // The controller and internal listeners are plaintext: their anonymous user is the broker itself.
                    Map.entry("super.users", "User:ANONYMOUS"),
                    Map.entry("auto.create.topics.enable", "false")));
            for (String name : secured.stringPropertyNames()) {
                if (name.startsWith("scram.user.")) {
                    scram.add("--add-scram");
                    scram.add("SCRAM-SHA-512=[name=" + name.substring("scram.user.".length()) + ",password="
                            + secured.getProperty(name) + "]");
                }
            }
        }
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            server.store(out, "Lectern local broker; written at every start");
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of(
                    "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"));
            format.addAll(scram);
            int formatted = kafka.tools.StorageTool.execute(format.toArray(String[]::new),
                    new PrintStream(System.out, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("formatting " + data + " failed with " + formatted);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }
}
