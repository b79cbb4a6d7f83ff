package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvent read from Kafka (binary mode): the {@code ce_*} headers and the JSON data, and its trace context
 * ({@code traceparent}, or the distributed tracing extension's {@code ce_traceparent}; null with tracing off).
 */
public record IncomingEvent(String id, String type, String subject, String key, JsonNode data, String traceparent) {
}
