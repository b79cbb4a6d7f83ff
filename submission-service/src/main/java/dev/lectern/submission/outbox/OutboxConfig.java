package dev.lectern.submission.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

@ConfigMapping(prefix = "lectern.outbox")
public interface OutboxConfig {

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

    /** The CloudEvents source attribute of everything this service publishes. */
    @WithName("source")
    @WithDefault("/lectern/submission-service")
    String source();
}
