package dev.lectern.review.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The relay's state in health and metrics. Always UP: Kafka being away is what the outbox is for, so
 * it must not take the API out of a load balancer; the backlog says how far behind the stream is.
 */
@Liveness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    void registerMetrics(@Observes StartupEvent ignored) {
        Gauge.builder("lectern.outbox.pending", relay, OutboxRelay::pending)
                .description("outbox rows not yet acknowledged by Kafka").register(registry);
        Gauge.builder("lectern.outbox.published", relay, OutboxRelay::published)
                .description("events this instance published since it started").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox relay")
                .up()
                .withData("relaying", relay.leader())
                .withData("pending", relay.pending())
                .withData("publishedSinceStart", relay.published())
                .build();
    }
}
