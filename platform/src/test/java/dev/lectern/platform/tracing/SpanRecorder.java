package dev.lectern.platform.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

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

    /** Tracing on, spans exported within 50 ms of their end. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }
}
