package dev.lectern.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.lectern.platform.tracing.TraceContext;
import dev.lectern.platform.tracing.Tracing;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), in outbox order, and marks them sent
 * (takes them off {@code outbox_pending}, the queue of unsent rows) only after the broker acknowledged them
 * (idempotent producer, {@code acks=all}).
 *
 * <p>One relay runs at a time across all instances: the one holding a PostgreSQL advisory lock on its
 * listening connection. If that instance dies, its connection closes, the lock is released and another
 * instance takes over, starting from the first unsent row, so per-aggregate order holds. A commit that
 * appends to the outbox NOTIFYs the relay, so events leave at once; polling is the fallback.
 *
 * <p>A crash (or a lost database) between the broker's acknowledgement and the mark leaves rows unsent
 * that are already in Kafka. Sending them again would put an aggregate's older versions after its newer
 * ones on the topic, so a relay that resumes (it just became the relay, or its last batch failed) first
 * looks for the unsent rows' event ids in the topics, from the oldest row's time on, and marks those it
 * finds sent instead of sending them again. Should that look fail or run out of time, rows are sent again:
 * consumers still apply each event id once and ignore stale versions.
 *
 * <p>A row written with tracing on holds the trace context of the work that wrote it; its message carries it on
 * ({@code ce_traceparent} and {@code traceparent}), through a publish span of that trace when this instance traces.
 * A row without one costs the relay a null check.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    Tracing tracing;

    /** Every {@code kafka.*} setting of the service (bootstrap servers, security, TLS): one set for all its clients. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    /**
     * Named here, although the settings map carries it, so that a start without it fails at once, naming
     * {@code kafka.bootstrap.servers} (the prod profile has no default), before anything connects.
     */
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Put before the relay's client ids; the services set it from a variable that is usually unset (empty). */
    @ConfigProperty(name = "lectern.kafka.client-id-prefix")
    Optional<String> clientIdPrefix;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** How far before the oldest unsent row a resuming relay looks: clocks of database and relay may differ. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How long a resuming relay may spend looking for its rows in Kafka before it sends them again. */
    private static final Duration LOOK_UP_TIME = Duration.ofSeconds(20);

    /** Rows the clean-up looks at per statement. */
    private static final int CLEAN_UP_BATCH = 10_000;

    private volatile boolean running;
    private volatile boolean leader;
    /** The unsent rows may already be in Kafka: this instance just became the relay, or its last batch failed. */
    private volatile boolean resuming = true;
    private KafkaConsumer<byte[], byte[]> reader;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private final AtomicLong published = new AtomicLong();
    private volatile String refusal;
    private Instant lastCleanup = Instant.EPOCH;

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        LOG.infof("outbox relay publishing to %s as %s", bootstrapServers, clientIdPrefix.orElse("") + config.clientId());
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
        if (reader != null) {
            reader.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Whether this instance currently holds the relay lock. */
    public boolean leader() {
        return leader;
    }

    /** Events this instance has published since it started. */
    public long published() {
        return published.get();
    }

    /**
     * Why Kafka refuses this service's relay for good (wrong credentials, not authorised for a topic), or null:
     * a setting an operator must fix, unlike Kafka being away, which the outbox simply waits out.
     */
    public String refusal() {
        return refusal;
    }

    /** Seconds since the oldest row still waiting for Kafka was written: 0 when none waits, -1 when unknown. */
    public double oldestPendingAgeSeconds() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extract(epoch FROM now() - o.created_at) FROM outbox o "
                     + "WHERE o.seq = (SELECT min(seq) FROM outbox_pending)")) {
            return rs.next() ? Math.max(0, rs.getDouble(1)) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Rows not yet acknowledged by Kafka. */
    public long pending() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox_pending")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The service's Kafka settings that a client of this kind knows, so each client is configured as the consumers are. */
    static Properties clientSettings(Map<String, Object> settings, java.util.Set<String> known) {
        Properties properties = new Properties();
        settings.forEach((key, value) -> {
            if (known.contains(key) && value != null && !value.toString().isBlank()) {
                properties.put(key, value.toString());
            }
        });
        return properties;
    }

    private Properties producerProperties() {
        Properties properties = clientSettings(kafkaSettings, ProducerConfig.configNames());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix.orElse("") + config.clientId());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return properties;
    }

    private void run() {
        while (running) {
            try (Connection listener = DriverManager.getConnection(config.listenUrl().orElse(jdbcUrl),
                    listenerProperties(dbUser, dbPassword, config.listenTimeout()))) {
                listener.setAutoCommit(true);
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN " + config.channel());
                }
                PGConnection pg = listener.unwrap(PGConnection.class);
                Instant lastCheck = Instant.now();
                while (running) {
                    if (leader && lastCheck.plus(LIVENESS_CHECK).isBefore(Instant.now())) {
                        // The lock is only as good as this session: a leader that cannot reach it steps down (the
                        // query fails within the socket timeout) rather than relay beside the next leader.
                        checkAlive(listener);
                        lastCheck = Instant.now();
                    }
                    if (!leader) {
                        leader = tryLock(listener);
                        if (leader) {
                            resuming = true;
                            LOG.info("this instance now relays the outbox");
                        }
                    }
                    int drained = 0;
                    if (leader) {
                        drained = drain();
                        cleanUp();
                    }
                    if (drained < config.batchSize()) {
                        // Wakes on the next NOTIFY (a commit that wrote to the outbox) or after the poll interval.
                        pg.getNotifications((int) config.pollInterval().toMillis());
                    }
                }
            } catch (Exception e) {
                if (leader) {
                    LOG.warn("this instance no longer relays the outbox: its listening connection failed");
                }
                leader = false;
                resuming = true;
                refusal = refusedForGood(e);
                if (running && refusal != null) {
                    LOG.errorf("outbox relay refused by Kafka: %s; check the service's Kafka security settings "
                            + "(LECTERN_KAFKA_*, docs/operations.md); retrying in 1 s", refusal);
                } else if (running) {
                    LOG.warnf("outbox relay paused: %s; retrying in 1 s", e.getMessage());
                }
                if (running) {
                    sleep(1000);
                }
            }
        }
    }

    /** How often a relaying instance checks that its listening session, which holds the lock, still answers. */
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);

    /**
     * The listening connection: TCP keepalive and a socket timeout on this side, and the same limits asked of
     * the server for this session, so that after a network cut PostgreSQL drops the session (and its lock)
     * within about {@code timeout} too, and another instance can take over.
     */
    static Properties listenerProperties(String user, String password, Duration timeout) {
        long seconds = Math.max(3, timeout.toSeconds());
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", String.valueOf(seconds));
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        properties.setProperty("ApplicationName", "lectern-outbox-relay");
        long idle = Math.max(1, seconds / 3);
        properties.setProperty("options", "-c tcp_keepalives_idle=" + idle + " -c tcp_keepalives_interval=" + idle
                + " -c tcp_keepalives_count=2 -c tcp_user_timeout=" + seconds * 1000);
        return properties;
    }

    private static void checkAlive(Connection listener) throws SQLException {
        try (Statement statement = listener.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    /** An authentication or authorisation failure anywhere in {@code e}, as a sentence; null for anything else. */
    static String refusedForGood(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.AuthenticationException
                    || cause instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return null;
    }

    private boolean tryLock(Connection listener) throws SQLException {
        try (PreparedStatement statement = listener.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, config.lockKey());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private record Row(long seq, String id, String aggregateType, String aggregateId, String type, String topic,
                       byte[] payload, Instant createdAt, String traceparent) {
    }

    /*
     * The first unsent rows, each fetched by one probe of the outbox's primary key: the lateral subquery (LIMIT 1
     * keeps it from being flattened into a join) leaves the planner no other plan. A plain join let it hash-join
     * with a scan of the whole outbox while the tables had no statistics yet (a first import into a new database:
     * the relay fell ten seconds behind). The payload comes as the UTF-8 bytes the driver receives: no decoding
     * into a String and encoding back per event.
     */
    public static final String DRAIN = "SELECT o.seq, o.id, o.aggregatetype, o.aggregateid, o.type, o.topic, o.payload::text, "
            + "o.created_at, o.traceparent FROM (SELECT seq FROM outbox_pending ORDER BY seq LIMIT ?) q "
            + "CROSS JOIN LATERAL (SELECT * FROM outbox WHERE outbox.seq = q.seq LIMIT 1) o ORDER BY q.seq";

    /** Publishes one batch; returns how many rows it marked sent. */
    int drain() throws SQLException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DRAIN)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBytes(7),
                            rs.getTimestamp(8).toInstant(), rs.getString(9)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int alreadySent = 0;
        if (resuming) {
            Set<String> inKafka = alreadyPublished(rows);
            List<Long> found = rows.stream().filter(row -> inKafka.contains(row.id())).map(Row::seq).toList();
            markSent(found);
            resuming = false;
            if (!found.isEmpty()) {
                LOG.infof("%d unsent outbox rows were already in Kafka (published before a crash or a failure): "
                        + "marked sent, not sent again", found.size());
                rows = rows.stream().filter(row -> !inKafka.contains(row.id())).toList();
                alreadySent = found.size();
                if (rows.isEmpty()) {
                    return alreadySent;
                }
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            // Without a stored trace context (tracing off where the row was written) a row costs nothing more.
            sends.add(row.traceparent() == null ? producer.send(toRecord(row, null)) : sendTraced(row));
        }
        producer.flush();
        if (config.haltAfterPublish()) {
            LOG.error("fault injection: halting after publishing, before marking sent");
            Runtime.getRuntime().halt(137);
        }
        // Only the prefix the broker acknowledged is marked: a row after a failure is sent again, never skipped.
        List<Long> acknowledged = new ArrayList<>(rows.size());
        Exception failure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                sends.get(i).get();
                acknowledged.add(rows.get(i).seq());
            } catch (ExecutionException e) {
                failure = e;
                break;
            }
        }
        markSent(acknowledged);
        published.addAndGet(acknowledged.size());
        if (failure == null) {
            refusal = null;
        }
        if (failure != null) {
            throw new IllegalStateException("Kafka refused an event: " + failure.getCause().getMessage(), failure);
        }
        return alreadySent + acknowledged.size();
    }

    /**
     * The event ids among {@code rows} that are already in their topics: read from the oldest row's time on,
     * up to the end each partition has now. Whatever is not found in {@link #LOOK_UP_TIME} is sent again.
     */
    private Set<String> alreadyPublished(List<Row> rows) {
        Set<String> wanted = new HashSet<>();
        rows.forEach(row -> wanted.add(row.id()));
        long since = rows.stream().map(Row::createdAt).min(Comparator.naturalOrder()).orElseThrow()
                .minus(CLOCK_SKEW).toEpochMilli();
        Set<String> found = new HashSet<>();
        try {
            if (reader == null) {
                reader = new KafkaConsumer<>(readerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : rows.stream().map(Row::topic).distinct().toList()) {
                reader.partitionsFor(topic, LOOK_UP_TIME)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            reader.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since));
            Map<TopicPartition, OffsetAndTimestamp> from = reader.offsetsForTimes(times, LOOK_UP_TIME);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, LOOK_UP_TIME);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = from.get(partition);
                reader.seek(partition, start == null ? end.get(partition) : start.offset());
            }
            Instant deadline = Instant.now().plus(LOOK_UP_TIME);
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    LOG.warnf("looked for unsent outbox rows in Kafka for %s without reaching the end; the rest is sent again",
                            LOOK_UP_TIME);
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        String eventId = new String(id.value(), StandardCharsets.UTF_8);
                        if (wanted.contains(eventId)) {
                            found.add(eventId);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // Kafka is away or refusing: sending will fail too and the relay retries, resuming again.
            throw new IllegalStateException("could not look for unsent outbox rows in Kafka: " + e.getMessage(), e);
        }
        return found;
    }

    private Properties readerProperties() {
        Properties properties = clientSettings(kafkaSettings, ConsumerConfig.configNames());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix.orElse("") + config.clientId() + "-reader");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return properties;
    }

    private void markSent(List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement dequeue = connection.prepareStatement(
                     "DELETE FROM outbox_pending WHERE seq = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            dequeue.setArray(1, array);
            dequeue.executeUpdate();
        }
    }

    private void cleanUp() {
        Instant now = Instant.now();
        if (lastCleanup.plusSeconds(60).isAfter(now)) {
            return;
        }
        lastCleanup = now;
        try (Connection connection = dataSource.getConnection()) {
            int deleted = deleteSentBefore(connection, now.minus(config.retention()));
            if (deleted > 0) {
                LOG.infof("deleted %d sent outbox rows older than %s", deleted, config.retention());
            }
        } catch (SQLException e) {
            LOG.warnf("outbox clean-up failed: %s", e.getMessage());
        }
    }

    /**
     * Deletes the sent rows created before {@code cutoff}, oldest first and a bounded number per statement: each
     * statement looks only at the {@link #CLEAN_UP_BATCH} oldest rows by seq, so it never scans the whole table.
     * A row still pending stays, whatever its age. Stops at the first statement that deletes nothing.
     */
    public static int deleteSentBefore(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM outbox o USING (SELECT seq FROM outbox ORDER BY seq LIMIT ?) oldest "
                        + "WHERE o.seq = oldest.seq AND o.created_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM outbox_pending q WHERE q.seq = o.seq)")) {
            delete.setInt(1, CLEAN_UP_BATCH);
            delete.setTimestamp(2, java.sql.Timestamp.from(cutoff));
            int deleted;
            int total = 0;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted > 0);
            return total;
        }
    }

    /** Sends a row that carries the trace context of the request that wrote it, in a publish span of that trace. */
    private Future<RecordMetadata> sendTraced(Row row) {
        Tracing.Publish publish = tracing.publish(row.topic(), row.id(), row.traceparent());
        try {
            return producer.send(toRecord(row, publish.traceparent()), (metadata, failure) -> publish.end(failure));
        } catch (RuntimeException e) {
            publish.end(e);
            throw e;
        }
    }

    /**
     * The row as a CloudEvent in binary mode; {@code traceparent}, when there is one, goes both as the CloudEvents
     * distributed tracing extension ({@code ce_traceparent}) and as W3C {@code traceparent}, which consumers' tracing
     * instrumentation reads.
     */
    private ProducerRecord<String, byte[]> toRecord(Row row, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.id());
        header(headers, "ce_type", row.type());
        header(headers, "ce_source", config.source());
        header(headers, "ce_subject", row.aggregateId());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(row.createdAt()));
        header(headers, "content-type", "application/json");
        if (traceparent != null) {
            header(headers, TraceContext.CE_TRACEPARENT, traceparent);
            header(headers, TraceContext.TRACEPARENT, traceparent);
        }
        return new ProducerRecord<>(row.topic(), null, row.aggregateId(),
                row.payload(), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
