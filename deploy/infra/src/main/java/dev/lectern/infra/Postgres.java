package dev.lectern.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL server from zonky's embedded binaries (as root they run under {@code unshare -U}).
 *
 * <p>Tests use the fast, non-durable settings zonky defaults to; the local stack asks for durable ones
 * (fsync and synchronous commit on) and a data directory that survives a restart.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** One database per service: they share a server, never a schema. */
    public static final List<String> DATABASES = List.of("lectern_submission", "lectern_review");

    private final Path dataDir;
    private final boolean durable;
    private EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server, Path dataDir, boolean durable) {
        this.server = server;
        this.dataDir = dataDir;
        this.durable = durable;
    }

    /** A throwaway server on a free port with zonky's fast settings: for tests only. */
    public static Postgres forTests() {
        return start(0, null, false);
    }

    /**
     * Starts a server.
     *
     * @param port    the port, or 0 for a free one
     * @param dataDir where data lives across restarts, or null for a temporary directory
     * @param durable fsync and synchronous commit on (anything but a test)
     */
    public static Postgres start(int port, Path dataDir, boolean durable) {
        return start(builder(port, dataDir, durable), dataDir, durable);
    }

    /**
     * A throwaway server that also takes TLS connections, with this certificate and its key (PEM files; the
     * key readable by its owner only, as PostgreSQL requires).
     */
    public static Postgres withTls(Path certificate, Path key) {
        return start(builder(0, null, false).setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toAbsolutePath().toString())
                .setServerConfig("ssl_key_file", key.toAbsolutePath().toString()), null, false);
    }

    private static Postgres start(EmbeddedPostgres.Builder builder, Path dataDir, boolean durable) {
        try {
            Postgres postgres = new Postgres(builder.start(), dataDir, durable);
            postgres.createDatabases();
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server (a fast shutdown: open transactions are rolled back, clients disconnected) and starts
     * it again on the same port and data directory, as an operator's restart or a failover would. Only a
     * server with a data directory of its own can come back with its data.
     */
    public synchronized void restart() {
        if (dataDir == null) {
            throw new IllegalStateException("a server on a temporary data directory cannot be restarted with its data");
        }
        int port = port();
        close();
        try {
            server = builder(port, dataDir, durable).start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start again: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres.Builder builder(int port, Path dataDir, boolean durable) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        if (durable) {
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // The moment each transaction committed, for the benchmark's submit-to-review latency
                    // (pg_xact_commit_timestamp: when a projected proposal became readable).
                    .setServerConfig("track_commit_timestamp", "on");
        }
        return builder;
    }

    private void createDatabases() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String database : DATABASES) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!rs.next()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create Lectern's databases: " + e.getMessage(), e);
        }
    }

    public synchronized int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
