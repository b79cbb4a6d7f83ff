package dev.lectern.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the part of Kustomize that
 * Lectern's manifests use, so the manifests can be checked where no kustomize binary is installed.
 *
 * <p>Supported: {@code resources} (files and directories), {@code components}, {@code namespace},
 * {@code patches} (strategic merge, or JSON 6902 with a {@code target}), {@code configMapGenerator} with
 * {@code literals} and {@code behavior}, {@code generatorOptions.disableNameSuffixHash: true} and {@code images}.
 * Anything else in a kustomization is refused with its name, so a manifest never relies on a feature
 * this renderer would silently skip. The order of processing is Kustomize's: resources, then components,
 * then generators, then patches, namespace and images.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "components", "patches", "configMapGenerator", "generatorOptions", "images");

    /** Kinds that are not namespaced, among those a Kustomization might hold. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition",
            "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomize() {
    }

    /** The objects a kustomization directory renders to, in the order Kustomize emits them before sorting. */
    static List<ObjectNode> render(Path directory) {
        List<ObjectNode> objects = new ArrayList<>();
        accumulate(directory, objects, "Kustomization");
        return objects;
    }

    private static void accumulate(Path directory, List<ObjectNode> objects, String expectedKind) {
        ObjectNode kustomization = readKustomization(directory);
        String kind = kustomization.path("kind").asText("Kustomization");
        if (!kind.equals(expectedKind)) {
            throw new IllegalArgumentException(directory + " is a " + kind + ", expected a " + expectedKind);
        }
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                accumulate(path, objects, "Kustomization");
            } else {
                objects.addAll(readObjects(path));
            }
        }
        for (JsonNode component : kustomization.path("components")) {
            accumulate(directory.resolve(component.asText()).normalize(), objects, "Component");
        }
        boolean noHash = kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generateConfigMap(directory, generator, noHash, objects);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, patch, objects);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> setImages(object, image));
        }
    }

    private static ObjectNode readKustomization(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        ObjectNode kustomization = (ObjectNode) readObjects(file).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is not supported by this renderer");
            }
        });
        return kustomization;
    }

    /** Every document of a YAML file (empty documents, like a leading comment block, are skipped). */
    static List<ObjectNode> readObjects(Path file) {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            List<ObjectNode> documents = new ArrayList<>();
            Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                } else if (document != null && !document.isNull() && !document.isMissingNode()) {
                    throw new IllegalArgumentException(file + ": a document is not a mapping");
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static void generateConfigMap(Path directory, JsonNode generator, boolean noHash, List<ObjectNode> objects) {
        String name = generator.path("name").asText();
        String behavior = generator.path("behavior").asText("create");
        generator.fieldNames().forEachRemaining(field -> {
            if (!Set.of("name", "behavior", "literals").contains(field)) {
                throw new IllegalArgumentException(directory + ": configMapGenerator '" + field + "' is not supported");
            }
        });
        Map<String, String> data = new TreeMap<>();
        for (JsonNode literal : generator.path("literals")) {
            String text = literal.asText();
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(directory + ": literal without a key: " + text);
            }
            data.put(text.substring(0, equals), text.substring(equals + 1));
        }
        ObjectNode existing = find(objects, "ConfigMap", name);
        switch (behavior) {
            case "create" -> {
                if (!noHash) {
                    throw new IllegalArgumentException(directory + ": ConfigMap " + name
                            + " would get a hash suffix, which this renderer does not add (set generatorOptions.disableNameSuffixHash)");
                }
                if (existing != null) {
                    throw new IllegalArgumentException(directory + ": ConfigMap " + name + " exists already");
                }
                ObjectNode configMap = NODES.objectNode();
                configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
                configMap.putObject("metadata").put("name", name);
                ObjectNode values = configMap.putObject("data");
                data.forEach(values::put);
                objects.add(configMap);
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(directory + ": no ConfigMap " + name + " to " + behavior);
                }
                if (behavior.equals("replace")) {
                    existing.putObject("data");
                }
                ObjectNode values = (ObjectNode) existing.get("data");
                data.forEach(values::put);
            }
            default -> throw new IllegalArgumentException(directory + ": unknown behavior " + behavior);
        }
    }

    private static void applyPatch(Path directory, JsonNode patch, List<ObjectNode> objects) {
        String text;
        try {
            text = patch.has("path") ? Files.readString(directory.resolve(patch.get("path").asText()))
                    : patch.path("patch").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (patch.has("target")) {
            JsonNode operations = readTree(text);
            List<ObjectNode> targets = objects.stream().filter(object -> matches(object, patch.get("target"))).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(directory + ": patch target " + patch.get("target") + " matches nothing");
            }
            if (operations.isArray()) {
                targets.forEach(target -> JsonPatch.apply(target, (ArrayNode) operations));
            } else {
                targets.forEach(target -> StrategicMerge.merge(target, (ObjectNode) operations));
            }
            return;
        }
        try {
            for (JsonNode document : YAML.readValues(YAML.getFactory().createParser(text), JsonNode.class).readAll()) {
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                String kind = document.path("kind").asText();
                String name = document.path("metadata").path("name").asText();
                ObjectNode target = find(objects, kind, name);
                if (target == null) {
                    throw new IllegalArgumentException(directory + ": patch for " + kind + " " + name + " matches nothing");
                }
                StrategicMerge.merge(target, (ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(ObjectNode object, JsonNode target) {
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("kind", "name", "group", "version").contains(field)) {
                throw new IllegalArgumentException("patch target '" + field + "' is not supported");
            }
        });
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("kind") || target.get("kind").asText().equals(object.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(object.path("metadata").path("name").asText()))
                && (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version));
    }

    /** Kustomize's image transformer: every container whose image is {@code name} (any tag) gets the new one. */
    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (String field : List.of("containers", "initContainers")) {
                for (JsonNode container : node.path(field)) {
                    if (container.has("image")) {
                        retag((ObjectNode) container, image);
                    }
                }
            }
            node.elements().forEachRemaining(child -> setImages(child, image));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> setImages(child, image));
        }
    }

    private static void retag(ObjectNode container, JsonNode image) {
        String current = container.get("image").asText();
        int digest = current.indexOf('@');
        String withoutDigest = digest < 0 ? current : current.substring(0, digest);
        int colon = withoutDigest.lastIndexOf(':');
        String name = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
        String tag = current.substring(name.length());
        if (!name.equals(image.path("name").asText())) {
            return;
        }
        String newName = image.path("newName").asText(name);
        if (image.has("digest")) {
            tag = "@" + image.get("digest").asText();
        } else if (image.has("newTag")) {
            tag = ":" + image.get("newTag").asText();
        }
        container.put("image", newName + tag);
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }
}
