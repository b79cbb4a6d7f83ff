package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;

/** A CloudEvent read from Kafka (binary mode): the {@code ce_*} headers and the JSON data. */
public record IncomingEvent(String id, String type, String subject, String key, JsonNode data) {
}
