package dev.lectern.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * The spans Lectern makes itself, beside the HTTP server spans and the Kafka consumer ({@code receive}) spans that
 * Quarkus makes: the outbox relay's {@code publish} span per event, and a consumer's {@code process} span around the
 * work a message causes. With tracing off ({@code quarkus.otel.sdk.disabled}, the default) each method checks one
 * boolean and does nothing else. Tracing never fails the work it traces: a span that cannot be made is left out.
 */
@ApplicationScoped
public class Tracing {

    private static final Logger LOG = Logger.getLogger(Tracing.class);

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean sdkDisabled;

    @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true")
    boolean tracesEnabled;

    /** Whether this instance records spans. */
    public boolean enabled() {
        return !sdkDisabled && tracesEnabled;
    }

    /** The trace context a consumed message carries ({@link TraceContext#of}), or null with tracing off. */
    public String traceparentOf(ConsumerRecord<?, ?> record) {
        return enabled() ? TraceContext.of(record) : null;
    }

    /** An event on its way to Kafka: the trace context its headers carry, and its span, if any, to end on the ack. */
    public static final class Publish {

        private static final Publish NONE = new Publish(null, null);

        private final String traceparent;
        private final Span span;

        private Publish(String traceparent, Span span) {
            this.traceparent = traceparent;
            this.span = span;
        }

        /** The traceparent for the message's headers, or null to send none. */
        public String traceparent() {
            return traceparent;
        }

        /** Ends the span: the broker acknowledged the message ({@code failure} null) or refused it. */
        public void end(Exception failure) {
            if (span == null) {
                return;
            }
            quietly(() -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        }
    }

    /**
     * The outbox relay publishes an event whose row stored {@code traceparent} (the request's that wrote it): a
     * producer span in that trace, whose context the message carries. Without tracing on this instance the stored
     * context goes on as it is; a malformed one is dropped.
     */
    public Publish publish(String topic, String eventId, String traceparent) {
        SpanContext parent = TraceContext.parse(traceparent);
        if (parent == null) {
            return Publish.NONE;
        }
        if (!enabled()) {
            return new Publish(traceparent, null);
        }
        try {
            Span span = tracer.spanBuilder(topic + " publish")
                    .setSpanKind(SpanKind.PRODUCER)
                    .setParent(Context.root().with(Span.wrap(parent)))
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "send")
                    .setAttribute("messaging.destination.name", topic)
                    .setAttribute("messaging.message.id", eventId)
                    .startSpan();
            String own = TraceContext.format(span.getSpanContext());
            return own == null ? new Publish(traceparent, null) : new Publish(own, span);
        } catch (RuntimeException e) {
            LOG.debugf("no publish span for %s: %s", eventId, e);
            return new Publish(traceparent, null);
        }
    }

    /**
     * Runs what a consumed message causes in a {@code process} span: a child of {@code traceparent} (the message's
     * trace context, {@link TraceContext#of}) when it is valid, otherwise of the current context (for a consumer of
     * single messages, the instrumentation's receive span). Everything appended to the outbox meanwhile carries
     * this span's context.
     */
    public <T> T process(String name, String traceparent, Supplier<T> work) {
        if (!enabled()) {
            return work.get();
        }
        Span span;
        try {
            SpanContext parent = TraceContext.parse(traceparent);
            SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process");
            if (parent != null) {
                builder.setParent(Context.current().with(Span.wrap(parent)));
            }
            span = builder.startSpan();
        } catch (RuntimeException e) {
            LOG.debugf("no process span for %s: %s", name, e);
            return work.get();
        }
        return within(span, work);
    }

    /**
     * Runs a batch of consumed messages in one {@code process} span of its own, linked to each message's trace context
     * (those that are valid): the batch belongs to no one message's trace.
     */
    public <T> T processBatch(String name, Iterable<? extends ConsumerRecord<?, ?>> records, Supplier<T> work) {
        if (!enabled()) {
            return work.get();
        }
        Span span;
        try {
            SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setNoParent()
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process");
            long count = 0;
            for (ConsumerRecord<?, ?> record : records) {
                count++;
                SpanContext linked = TraceContext.parse(TraceContext.of(record));
                if (linked != null) {
                    builder.addLink(linked);
                }
            }
            builder.setAttribute("messaging.batch.message_count", count);
            span = builder.startSpan();
        } catch (RuntimeException e) {
            LOG.debugf("no batch span for %s: %s", name, e);
            return work.get();
        }
        return within(span, work);
    }

    private static <T> T within(Span span, Supplier<T> work) {
        Scope scope = null;
        try {
            scope = span.makeCurrent();
        } catch (RuntimeException e) {
            LOG.debugf("a span could not be made current: %s", e);
        }
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            quietly(() -> {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
            });
            throw e;
        } finally {
            if (scope != null) {
                quietly(scope::close);
            }
            quietly(span::end);
        }
    }

    /** Tracing's own bookkeeping, which must never replace the outcome of the work it traces. */
    private static void quietly(Runnable bookkeeping) {
        try {
            bookkeeping.run();
        } catch (RuntimeException e) {
            LOG.debugf("tracing bookkeeping failed: %s", e);
        }
    }
}
