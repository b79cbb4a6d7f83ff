package dev.lectern.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON Patch operations {@code add}, {@code remove}, {@code replace} and {@code test}. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode target, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            JsonPointer path = JsonPointer.compile(operation.path("path").asText());
            JsonNode parent = target.at(path.head());
            String last = path.last().getMatchingProperty();
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("no " + path.head() + " in " + describe(target));
            }
            switch (op) {
                case "add" -> add(parent, last, operation.get("value").deepCopy());
                case "remove" -> remove(parent, last, path, target);
                case "replace" -> {
                    remove(parent, last, path, target);
                    add(parent, last, operation.get("value").deepCopy());
                }
                case "test" -> {
                    if (!target.at(path).equals(operation.get("value"))) {
                        throw new IllegalArgumentException("test failed at " + path + " in " + describe(target));
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch operation '" + op + "' is not supported");
            }
        }
    }

    private static void add(JsonNode parent, String last, JsonNode value) {
        if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value);
            } else {
                array.insert(Integer.parseInt(last), value);
            }
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(JsonNode parent, String last, JsonPointer path, ObjectNode target) {
        if (target.at(path).isMissingNode()) {
            throw new IllegalArgumentException("nothing at " + path + " in " + describe(target));
        }
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
    }

    private static String describe(ObjectNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }
}
