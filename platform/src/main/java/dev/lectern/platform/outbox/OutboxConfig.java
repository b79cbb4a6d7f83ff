package dev.lectern.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** How a service's outbox relay runs. Each service names its own lock, channel, client id and event source. */
@ConfigMapping(prefix = "lectern.outbox")
public interface OutboxConfig {

    /**
     * The PostgreSQL advisory lock that makes one instance the relay. Each service has its own, so that should
     * two services share a database, neither relay waits on the other. Never change it in a running
     * installation: during a rolling upgrade old and new instances would both relay.
     */
    @WithName("lock-key")
    long lockKey();

    /** The PostgreSQL channel the relay listens on; NOTIFY is delivered at commit, to every instance. */
    String channel();

    /** The Kafka client id of the relay's producer ({@code -reader} is added for its reader). */
    @WithName("client-id")
    String clientId();

    /** The CloudEvents source attribute of everything this service publishes. */
    String source();

    /**
     * The JDBC URL of the relay's listening connection, which holds a session-level advisory lock and LISTENs:
     * it must reach PostgreSQL directly (or through a session-mode pooler), never through a transaction-mode
     * pooler. Defaults to the datasource's URL.
     */
    @WithName("listen-url")
    Optional<String> listenUrl();

    /**
     * How long the listening connection may go without an answer from PostgreSQL before the relay drops it and
     * connects again (the socket timeout, with TCP keepalive on): after a network cut, the instance stops
     * relaying within about this long, and its lock is released once PostgreSQL notices the session gone.
     */
    @WithName("listen-timeout")
    @WithDefault("PT10S")
    Duration listenTimeout();

    /** How often the relay looks for rows when no commit woke it. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    /** How long sent rows are kept before they are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** Whether this instance relays at all (one of several instances may hold the relay lock). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Fault injection for the reliability tests: the process halts right after Kafka acknowledged a batch
     * and before the batch is marked sent, the worst moment for a crash. Never set outside tests.
     */
    @WithName("fault.halt-after-publish")
    @WithDefault("false")
    boolean haltAfterPublish();
}
