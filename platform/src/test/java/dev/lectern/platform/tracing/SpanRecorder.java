package dev.lectern.platform.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the spans the service ends in memory (the "cdi" exporter hands them to every SpanExporter bean; with one
 * present, Quarkus leaves its OTLP exporter out, so tests send spans nowhere). Only {@link Traced} tests switch
 * tracing on; everywhere else the SDK is off and this exporter is never asked for. Both services' tests take it from
 * the platform's test jar.
 */
@ApplicationScoped
public class SpanRecorder {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    /** The first finished span {@code wanted} picks, awaited up to 20 s; failing, names every span seen meanwhile. */
    public static SpanData awaitSpan(InMemorySpanExporter spans, Predicate<SpanData> wanted) {
        Set<String> seen = new HashSet<>();
        try {
            return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> spans.getFinishedSpanItems().stream().peek(span -> seen.add(span.getName() + " "
                            + span.getKind() + " " + span.getTraceId())).filter(wanted).findFirst().orElse(null),
                            span -> span != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return fail("no such span among " + seen);
        }
    }

    /** Tracing on, spans exported within 50 ms of their end. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }
}
