package dev.lectern.platform.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Lets the W3C trace context propagator read the CloudEvents distributed tracing extension too: a message that
 * carries {@code ce_traceparent} (and {@code ce_tracestate}) but no {@code traceparent}, as a CloudEvents SDK writes it
 * in Kafka's binary mode, continues its trace in the messaging instrumentation's consumer span. A message with a
 * {@code traceparent} is read as it is. Writing is unchanged: the outbox relay writes both headers itself.
 */
// Context below is the customizer's (the configured propagator); OpenTelemetry's is named in full.
@Singleton
public class CloudEventsTraceparent implements TextMapPropagatorCustomizer {

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        return propagator.fields().contains(TraceContext.TRACEPARENT) ? new OrCloudEvents(propagator) : propagator;
    }

    /** The W3C propagator, reading {@code ce_}-prefixed fields when the carrier has no {@code traceparent}. */
    static final class OrCloudEvents implements TextMapPropagator {

        private final TextMapPropagator w3c;

        OrCloudEvents(TextMapPropagator w3c) {
            this.w3c = w3c;
        }

        @Override
        public Collection<String> fields() {
            return w3c.fields();
        }

        @Override
        public <C> void inject(io.opentelemetry.context.Context context, C carrier, TextMapSetter<C> setter) {
            w3c.inject(context, carrier, setter);
        }

        @Override
        public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context, C carrier,
                                                           TextMapGetter<C> getter) {
            if (carrier == null || getter == null || getter.get(carrier, TraceContext.TRACEPARENT) != null
                    || getter.get(carrier, TraceContext.CE_TRACEPARENT) == null) {
                return w3c.extract(context, carrier, getter);
            }
            return w3c.extract(context, carrier, new TextMapGetter<C>() {
                @Override
                public Iterable<String> keys(C c) {
                    return getter.keys(c);
                }

                @Override
                public String get(C c, String key) {
                    return getter.get(c, "ce_" + key);
                }
            });
        }

        @Override
        public String toString() {
            return "OrCloudEvents{" + w3c + "}";
        }
    }
}
