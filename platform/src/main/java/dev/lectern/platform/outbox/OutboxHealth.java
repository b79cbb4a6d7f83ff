package dev.lectern.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The relay's state in readiness and metrics. Ready while Kafka is merely away: that is what the outbox is
 * for, so it must not take the API out of a load balancer; the backlog and its age say how far behind the stream
 * is. Not ready while Kafka refuses the relay's credentials or topics: nothing would ever leave the outbox until
 * an operator fixes the settings.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    void registerMetrics(@Observes StartupEvent ignored) {
        Gauge.builder("lectern.outbox.pending", relay, OutboxRelay::pending)
                .description("outbox rows not yet acknowledged by Kafka").register(registry);
        Gauge.builder("lectern.outbox.oldest.age", relay, OutboxRelay::oldestPendingAgeSeconds).baseUnit("seconds")
                .description("age of the oldest outbox row not yet acknowledged by Kafka (0: none waits)").register(registry);
        Gauge.builder("lectern.outbox.published", relay, OutboxRelay::published)
                .description("events this instance published since it started").register(registry);
        Gauge.builder("lectern.outbox.relay.leader", relay, r -> r.leader() ? 1 : 0)
                .description("1 while this instance holds the relay lock and publishes the outbox").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        String refusal = relay.refusal();
        var response = HealthCheckResponse.named("outbox relay")
                .status(refusal == null)
                .withData("relaying", relay.leader())
                .withData("pending", relay.pending())
                .withData("publishedSinceStart", relay.published());
        if (refusal != null) {
            response.withData("kafkaRefuses", refusal);
        }
        return response.build();
    }
}
