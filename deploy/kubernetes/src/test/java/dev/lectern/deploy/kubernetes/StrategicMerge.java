package dev.lectern.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategic merge patch as Kubernetes applies it, for the lists Lectern's patches touch.
 *
 * <p>Maps merge; {@code null} deletes a field; a list with a Kubernetes merge key (containers by name,
 * env by name, volumes by name, volume mounts by mount path, container ports by port number) merges
 * item by item, new items appended, {@code $patch: delete} on an item removes it; any other list is
 * replaced. Objects of custom resources have no merge keys (Kustomize knows none for them), so there
 * every list is replaced: a JSON merge patch.
 */
final class StrategicMerge {

    /** The built-in groups whose lists carry merge keys. */
    private static final Set<String> BUILT_IN = Set.of("v1", "apps/v1", "policy/v1", "batch/v1", "networking.k8s.io/v1");

    /** Merge keys by the list's field name, for the lists inside pod templates and Services. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name");

    private StrategicMerge() {
    }

    static void merge(ObjectNode target, ObjectNode patch) {
        boolean builtIn = BUILT_IN.contains(target.path("apiVersion").asText());
        mergeObject(target, patch, builtIn, target.path("kind").asText());
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch, boolean builtIn, String kind) {
        if ("replace".equals(patch.path("$patch").asText())) {
            target.removeAll();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (name.equals("$patch")) {
                continue;
            }
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                mergeObject((ObjectNode) current, (ObjectNode) value, builtIn, kind);
            } else if (value.isArray() && current != null && current.isArray() && builtIn && mergeKey(name, kind) != null) {
                mergeList((ArrayNode) current, (ArrayNode) value, mergeKey(name, kind), builtIn, kind);
            } else {
                target.set(name, withoutDirectives(value));
            }
        }
    }

    private static String mergeKey(String field, String kind) {
        if (field.equals("ports")) {
            return kind.equals("Service") ? "port" : "containerPort";
        }
        return MERGE_KEYS.get(field);
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String key, boolean builtIn, String kind) {
        for (JsonNode item : patch) {
            JsonNode keyValue = item.get(key);
            if (keyValue == null) {
                throw new IllegalArgumentException("a patch item without its merge key '" + key + "': " + item);
            }
            int index = indexOf(target, key, keyValue);
            if ("delete".equals(item.path("$patch").asText())) {
                if (index >= 0) {
                    target.remove(index);
                }
            } else if (index >= 0) {
                mergeObject((ObjectNode) target.get(index), (ObjectNode) item, builtIn, kind);
            } else {
                target.add(withoutDirectives(item));
            }
        }
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode withoutDirectives(JsonNode value) {
        JsonNode copy = value.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("$patch");
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(StrategicMerge::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StrategicMerge::strip);
        }
    }
}
