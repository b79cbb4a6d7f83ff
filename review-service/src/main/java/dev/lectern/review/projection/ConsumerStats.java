package dev.lectern.review.projection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
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
@Liveness
@Default // @Liveness is a qualifier: without @Default the consumers could not inject this bean
@ApplicationScoped
public class ConsumerStats implements HealthCheck {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();

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

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("event consumers").up();
        applied.forEach((topic, count) -> response.withData(topic + " applied", count.get()));
        deadLettered.forEach((topic, count) -> response.withData(topic + " dead-lettered", count.get()));
        return response.build();
    }
}
