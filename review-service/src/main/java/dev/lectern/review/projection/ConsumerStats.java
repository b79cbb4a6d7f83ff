package dev.lectern.review.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the consumers applied and dead-lettered, per topic, for metrics
 * ({@code lectern.consumer.applied}, {@code lectern.consumer.dead_lettered}) and health. Consumer lag
 * comes from the Kafka client metrics ({@code kafka.consumer.fetch.manager.records.lag.max}).
 */
@ApplicationScoped
public class ConsumerStats {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();

    /** Registers the counts at start, so that an alert on them has a series (at 0) before the first message. */
    void registerMetrics(@Observes StartupEvent ignored) {
        for (String topic : new String[] {"cfp.events", "cfp.proposals"}) {
            registry.counter("lectern.consumer.applied", "topic", topic);
            registry.counter("lectern.consumer.dead_lettered", "topic", topic);
        }
    }

    /** Runs one message's handling, counting it as applied or, if it was refused, dead-lettered. */
    public void counted(String topic, Runnable handling) {
        try {
            handling.run();
            applied.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
            registry.counter("lectern.consumer.applied", "topic", topic).increment();
        } catch (MalformedEventException e) {
            deadLettered.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
            registry.counter("lectern.consumer.dead_lettered", "topic", topic).increment();
            throw e;
        }
    }

    /** Counts messages applied (or recognised as already applied) outside {@link #counted}. */
    public void applied(String topic, int messages) {
        applied.computeIfAbsent(topic, t -> new AtomicLong()).addAndGet(messages);
        registry.counter("lectern.consumer.applied", "topic", topic).increment(messages);
    }

    /** Counts a message sent to the dead-letter topic outside {@link #counted}. */
    public void deadLettered(String topic) {
        deadLettered.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
        registry.counter("lectern.consumer.dead_lettered", "topic", topic).increment();
    }

    /** The counts in health: always UP, a dead-lettered message does not make the service unhealthy. */
    @Liveness
    @ApplicationScoped
    public static class Health implements HealthCheck {

        @Inject
        ConsumerStats stats;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("event consumers").up();
            stats.applied.forEach((topic, count) -> response.withData(topic + " applied", count.get()));
            stats.deadLettered.forEach((topic, count) -> response.withData(topic + " dead-lettered", count.get()));
            return response.build();
        }
    }
}
