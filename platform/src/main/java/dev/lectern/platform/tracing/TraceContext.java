package dev.lectern.platform.tracing;

import dev.lectern.platform.messaging.CloudEvents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * A W3C trace context as text ({@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}), the form it takes in an
 * outbox row and in a Kafka header. Kafka messages carry it twice, as the CloudEvents distributed tracing extension
 * ({@code ce_traceparent}, binary mode) and as plain W3C {@code traceparent}, which OpenTelemetry's Kafka
 * instrumentation reads.
 *
 * <p>Nothing here throws: a trace context that cannot be read or written is no trace context.
 */
public final class TraceContext {

    /** The W3C header; the messaging instrumentation reads it. */
    public static final String TRACEPARENT = "traceparent";
    /** The CloudEvents distributed tracing extension attribute in Kafka's binary mode. */
    public static final String CE_TRACEPARENT = "ce_traceparent";

    private TraceContext() {
    }

    /**
     * The current span's trace context, or null when there is none: with tracing off no span is ever current, so
     * this costs a context lookup and returns null.
     */
    public static String current() {
        try {
            return format(Span.current().getSpanContext());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code context} as a traceparent, or null when it is not a valid span context. */
    public static String format(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * The span context a traceparent names, or null when it is missing or malformed (wrong length, version ff,
     * ids of zeros, not hex): a malformed trace context is ignored, never an error.
     */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return null;
        }
        try {
            Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE_VALUE);
            SpanContext span = Span.fromContext(context).getSpanContext();
            return span.isValid() ? span : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The trace context a Kafka message carries, as text (not yet checked; see {@link #parse}): its {@code traceparent}
     * header, or, when it has none, its {@code ce_traceparent}, as the propagator reads them
     * ({@link CloudEventsTraceparent}).
     */
    public static String of(ConsumerRecord<?, ?> record) {
        try {
            String traceparent = CloudEvents.header(record, TRACEPARENT);
            return traceparent != null ? traceparent : CloudEvents.header(record, CE_TRACEPARENT);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads one traceparent given as the carrier itself; there is no tracestate. */
    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };
}
