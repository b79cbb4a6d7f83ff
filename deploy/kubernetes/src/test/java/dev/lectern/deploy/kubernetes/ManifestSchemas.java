package dev.lectern.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The schemas in {@code deploy/kubernetes/schemas/} (their sources are in its README), and the
 * validation of one rendered object against the schema of its {@code apiVersion} and {@code kind}.
 *
 * <p>Built-in kinds are checked against the Kubernetes definitions in their strict form (an unknown field is an
 * error). Custom resources are checked against the {@code openAPIV3Schema} of their
 * CustomResourceDefinition, made strict the same way: an object with declared properties takes no other
 * unless the CRD preserves unknown fields there, as the API server's strict field validation (kubectl's
 * default) refuses them. {@code nullable} and {@code x-kubernetes-int-or-string} are turned into their
 * JSON Schema equivalents; CEL rules ({@code x-kubernetes-validations}) are not evaluated. Every object's
 * metadata is checked against ObjectMeta. A kind with no schema here is an error, not a pass.
 */
final class ManifestSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private final JsonNode definitions;
    private final Map<String, String> builtInDefinitions = new HashMap<>();
    private final Map<String, JsonNode> customResources = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    ManifestSchemas(Path directory) {
        try {
            definitions = new ObjectMapper().readTree(directory.resolve("kubernetes-1.32/_definitions.json").toFile())
                    .get("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        definitions.fields().forEachRemaining(definition -> {
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                builtInDefinitions.putIfAbsent(apiVersion + " " + gvk.path("kind").asText(), definition.getKey());
            }
        });
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".yaml")).forEach(this::addCustomResourceDefinition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addCustomResourceDefinition(Path file) {
        for (ObjectNode crd : Kustomize.readObjects(file)) {
            if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
                continue;
            }
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("served").asBoolean()) {
                    customResources.put(group + "/" + version.path("name").asText() + " " + kind,
                            strict(version.path("schema").path("openAPIV3Schema")));
                }
            }
        }
    }

    /** The validation errors of one object, each naming the object; empty when it is valid. */
    List<String> validate(JsonNode object) {
        String id = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = compiled.computeIfAbsent(key, this::schemaFor);
        List<String> errors = new ArrayList<>();
        if (schema == null) {
            errors.add(id + ": no schema for " + key + " in deploy/kubernetes/schemas");
            return errors;
        }
        for (ValidationMessage message : schema.validate(object)) {
            errors.add(id + ": " + message.getMessage());
        }
        JsonSchema metadata = compiled.computeIfAbsent("metadata", ignored -> definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
        for (ValidationMessage message : metadata.validate(object.path("metadata"))) {
            errors.add(id + ": metadata: " + message.getMessage());
        }
        return errors;
    }

    private JsonSchema schemaFor(String key) {
        if (builtInDefinitions.containsKey(key)) {
            return definition(builtInDefinitions.get(key));
        }
        JsonNode custom = customResources.get(key);
        return custom == null ? null : FACTORY.getSchema(custom);
    }

    private JsonSchema definition(String name) {
        ObjectNode root = NODES.objectNode();
        root.set("definitions", definitions);
        root.put("$ref", "#/definitions/" + name);
        return FACTORY.getSchema(root);
    }

    /** A CRD's structural schema as strict JSON Schema (see the class comment). */
    static JsonNode strict(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        tighten(copy);
        return copy;
    }

    private static void tighten(ObjectNode schema) {
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.remove("type");
            if (!schema.has("anyOf")) {
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
        }
        if (schema.path("nullable").asBoolean(false) && schema.has("type")) {
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        schema.remove("nullable");
        List<String> extensions = new ArrayList<>();
        schema.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-kubernetes-")) {
                extensions.add(name);
            }
        });
        extensions.forEach(schema::remove);
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
            schema.put("additionalProperties", false);
        }
        for (String child : List.of("items", "additionalProperties")) {
            if (schema.get(child) instanceof ObjectNode object) {
                tighten(object);
            }
        }
        if (schema.get("properties") instanceof ObjectNode properties) {
            Iterator<JsonNode> values = properties.elements();
            values.forEachRemaining(value -> tighten((ObjectNode) value));
        }
        // allOf, anyOf and oneOf in a structural schema only add constraints to the fields declared around them:
        // they are left as they are, or an object in one of them would refuse the fields declared outside.
    }
}
