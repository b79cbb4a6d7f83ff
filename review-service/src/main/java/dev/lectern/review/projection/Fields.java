package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the fields of an event's data, refusing (as {@link MalformedEventException}) what is missing or of the wrong kind. */
final class Fields {

    private Fields() {
    }

    static JsonNode require(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing field '" + field + "'");
        }
        return value;
    }

    static String text(JsonNode data, String field) {
        JsonNode value = require(data, field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("field '" + field + "' is not a non-empty string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode data, String field) {
        return data.hasNonNull(field) ? data.get(field).asText() : null;
    }

    static long number(JsonNode data, String field) {
        JsonNode value = require(data, field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw new MalformedEventException("field '" + field + "' is not a positive integer");
        }
        return value.asLong();
    }

    static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(text(data, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("field '" + field + "' is not a UUID");
        }
    }

    /** A JSON array of strings; an absent field is an empty list. */
    static List<String> strings(JsonNode data, String field) {
        if (!data.hasNonNull(field)) {
            return List.of();
        }
        JsonNode value = data.get(field);
        if (!value.isArray()) {
            throw new MalformedEventException("field '" + field + "' is not an array");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isValueNode() || element.isNull()) {
                throw new MalformedEventException("field '" + field + "' holds something other than strings");
            }
            result.add(element.asText());
        }
        return List.copyOf(result);
    }
}
