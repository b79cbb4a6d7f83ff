package dev.lectern.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every overlay of deploy/kubernetes renders, and every object it renders is valid against the Kubernetes and
 * CRD schemas in deploy/kubernetes/schemas: the check {@code kubectl apply --dry-run=server} would make, offline.
 * Then what the schemas cannot say: the Deployments are fit for production, the Kafka users' ACLs grant each
 * service what its clients use and nothing else, and every Secret and variable is one an operator can find.
 */
class ManifestsTest {

    static final Path KUBERNETES = Path.of(System.getProperty("lectern.kubernetes.dir", ".")).toAbsolutePath().normalize();
    static final Path REPOSITORY = Path.of(System.getProperty("lectern.repository.dir", "../..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("submission-service", "review-service");

    static ManifestSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = new ManifestSchemas(KUBERNETES.resolve("schemas"));
    }

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> directories = Files.list(KUBERNETES.resolve("overlays"))) {
            return directories.map(path -> path.getFileName().toString()).sorted().toList().stream();
        }
    }

    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(KUBERNETES.resolve("overlays").resolve(overlay));
    }

    @Test
    void thereIsAnOverlayForEachWayToRunIt() throws IOException {
        assertEquals(List.of("cloudnative-pg", "external", "production", "strimzi"), overlays().toList());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectOfAnOverlayIsValidAgainstItsSchema(String overlay) {
        List<ObjectNode> objects = render(overlay);
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ObjectNode object : objects) {
            errors.addAll(schemas.validate(object));
            String id = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
            if (!seen.add(id)) {
                errors.add(id + " is rendered twice");
            }
            if (!object.path("metadata").path("namespace").asText().equals("lectern")) {
                errors.add(id + " is not in the namespace lectern");
            }
        }
        assertEquals(List.of(), errors, overlay);
        assertTrue(objects.size() >= 10, overlay + " rendered only " + objects.size() + " objects");
    }

    @Test
    void anInvalidObjectIsRefused() {
        List<ObjectNode> objects = render("production");
        assertInvalid(objects, "Deployment", "submission-service",
                deployment -> ((ObjectNode) deployment.get("spec")).put("replicas", "two"), "replicas");
        assertInvalid(objects, "Deployment", "review-service",
                deployment -> ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).putObject("livenesProbe"),
                "livenesProbe");
        assertInvalid(objects, "Service", "review-service",
                service -> ((ObjectNode) service.at("/spec/ports/0")).put("port", "http"), "port");
        assertInvalid(objects, "KafkaTopic", "cfp-proposals",
                topic -> ((ObjectNode) topic.get("spec")).put("partition", 6), "partition");
        assertInvalid(objects, "KafkaUser", "review-service",
                user -> ((ObjectNode) user.at("/spec/authorization/acls/0")).putArray("operations").add("Writ"), "Writ");
        assertInvalid(objects, "Pooler", "lectern-db-pooler-rw",
                pooler -> ((ObjectNode) pooler.at("/spec/pgbouncer")).put("poolMode", "statement"), "poolMode");
        assertInvalid(objects, "Cluster", "lectern-db",
                cluster -> ((ObjectNode) cluster.get("spec")).remove("instances"), "instances");
        assertInvalid(objects, "PrometheusRule", "lectern",
                rule -> ((ObjectNode) rule.at("/spec/groups/0")).put("interval", 30), "interval");
        assertInvalid(objects, "ConfigMap", "lectern-config",
                configMap -> ((ObjectNode) configMap.get("metadata")).put("nmae", "typo"), "nmae");
        ObjectNode unknown = objects.get(0).deepCopy().put("kind", "Gadget");
        assertFalse(schemas.validate(unknown).isEmpty(), "a kind without a schema passed");
    }

    private static void assertInvalid(List<ObjectNode> objects, String kind, String name, Consumer<ObjectNode> breakIt,
            String expectedInMessage) {
        ObjectNode object = Kustomize.find(objects, kind, name).deepCopy();
        assertEquals(List.of(), schemas.validate(object), kind + " " + name + " before it was broken");
        breakIt.accept(object);
        List<String> errors = schemas.validate(object);
        assertFalse(errors.isEmpty(), kind + " " + name + " passed though broken");
        assertTrue(errors.stream().anyMatch(error -> error.contains(expectedInMessage)), errors.toString());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceRunsAsAnAvailableNonRootDeploymentProbedOnItsHealth(String overlay) {
        List<ObjectNode> objects = render(overlay);
        for (String service : SERVICES) {
            ObjectNode deployment = Kustomize.find(objects, "Deployment", service);
            assertTrue(deployment.at("/spec/replicas").asInt() >= 2, service + " replicas");
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), service);
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), service);
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), service);
            assertFalse(container.at("/resources/requests/memory").isMissingNode(), service + " memory request");
            assertFalse(container.at("/resources/limits/memory").isMissingNode(), service + " memory limit");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), service + " runAsNonRoot");
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), service + " read-only root");
            assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), service);

            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            ObjectNode budget = Kustomize.find(objects, "PodDisruptionBudget", service);
            assertTrue(selects(budget.at("/spec/selector/matchLabels"), labels), service + " has no PodDisruptionBudget");
            assertEquals(1, budget.at("/spec/maxUnavailable").asInt(), service);
            ObjectNode serviceObject = Kustomize.find(objects, "Service", service);
            assertTrue(selects(serviceObject.at("/spec/selector"), labels), service + " has no Service");
            assertEquals(container.at("/ports/0/containerPort").asInt(), serviceObject.at("/spec/ports/0/port").asInt());
            for (JsonNode from : container.path("envFrom")) {
                String configMap = from.at("/configMapRef/name").asText();
                assertTrue(Kustomize.find(objects, "ConfigMap", configMap) != null, service + " reads a missing " + configMap);
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        List<String> missing = new ArrayList<>();
        selector.fields().forEachRemaining(entry -> {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                missing.add(entry.getKey());
            }
        });
        return missing.isEmpty();
    }

    /**
     * What each service's Kafka clients touch: its consumers' topics, group and dead-letter topics (from its
     * application.properties), and the topics its outbox relay writes and, when it resumes, reads back by
     * offset, without a group (OutboxRelay).
     */
    @Test
    void kafkaUsersGrantEachServiceOnlyItsOwnTopicsAndGroup() throws IOException {
        Map<String, List<String>> relayTopics = Map.of(
                "submission-service", List.of("cfp.events", "cfp.proposals"),
                "review-service", List.of("cfp.decisions"));
        List<ObjectNode> objects = render("strimzi");
        for (String service : SERVICES) {
            Map<String, Set<String>> expected = new TreeMap<>();
            Properties properties = applicationProperties(service);
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    grant(expected, "topic " + value, "Read", "Describe");
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                    grant(expected, "group " + value, "Read");
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")
                        || key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                    grant(expected, "topic " + value, "Write", "Describe");
                }
            }
            for (String topic : relayTopics.get(service)) {
                grant(expected, "topic " + topic, "Write", "Read", "Describe");
            }
            Map<String, Set<String>> granted = new TreeMap<>();
            ObjectNode user = Kustomize.find(objects, "KafkaUser", service);
            assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText());
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                assertEquals("literal", acl.at("/resource/patternType").asText(), service + " " + acl);
                assertEquals("allow", acl.path("type").asText("allow"), service + " " + acl);
                for (JsonNode operation : acl.path("operations")) {
                    grant(granted, acl.at("/resource/type").asText() + " " + acl.at("/resource/name").asText(),
                            operation.asText());
                }
            }
            assertEquals(expected, granted, service);
            assertEquals(service, Kustomize.find(objects, "Deployment", service)
                    .at("/spec/template/spec/containers/0/env").findParents("name").stream()
                    .filter(env -> env.path("name").asText().equals("LECTERN_KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst().orElseThrow().at("/valueFrom/secretKeyRef/name").asText(),
                    service + " uses another user's credentials");
        }
    }

    private static void grant(Map<String, Set<String>> grants, String resource, String... operations) {
        grants.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                REPOSITORY.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** Each topic is replicated three times, and a write needs two copies. */
    @Test
    void everyTopicIsReplicatedThreeTimesAndWritesNeedTwoCopies() {
        List<ObjectNode> topics = render("strimzi").stream().filter(o -> o.path("kind").asText().equals("KafkaTopic")).toList();
        Set<String> names = new TreeSet<>();
        for (ObjectNode topic : topics) {
            names.add(topic.at("/spec/topicName").asText());
            assertEquals(3, topic.at("/spec/replicas").asInt(), topic.toString());
            assertEquals(2, topic.at("/spec/config/min.insync.replicas").asInt(), topic.toString());
            assertTrue(topic.at("/spec/partitions").asInt() >= 3, topic.toString());
        }
        assertEquals(Set.of("cfp.events", "cfp.proposals", "cfp.decisions",
                "cfp.events.dlq", "cfp.proposals.dlq", "cfp.decisions.dlq"), names);
    }

    /** The relays listen on the primary itself; the pools may go through the pooler. */
    @Test
    void theRelaysListenOnThePrimaryAndThePoolsGoThroughThePooler() {
        List<ObjectNode> objects = render("cloudnative-pg");
        Map<String, String> urls = Map.of("submission-service", "LECTERN_SUBMISSION_DB_URL", "review-service", "LECTERN_REVIEW_DB_URL");
        for (String service : SERVICES) {
            JsonNode data = Kustomize.find(objects, "ConfigMap", service + "-config").get("data");
            assertTrue(data.get("LECTERN_OUTBOX_LISTEN_URL").asText().startsWith("jdbc:postgresql://lectern-db-rw:"), service);
            assertTrue(data.get(urls.get(service)).asText().startsWith("jdbc:postgresql://lectern-db-pooler-rw:"), service);
        }
        assertEquals("rw", Kustomize.find(objects, "Pooler", "lectern-db-pooler-rw").at("/spec/type").asText());
        assertEquals(3, Kustomize.find(objects, "Cluster", "lectern-db").at("/spec/instances").asInt());
    }

    /**
     * Every Secret a Deployment reads is made by an operator (a KafkaUser's, Strimzi's cluster CA, CloudNativePG's
     * CA) or is one docs/deploy.md tells the operator to create; every variable set is one the services or
     * the docs name.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretAndVariableIsOneAnOperatorCanFind(String overlay) throws IOException {
        List<ObjectNode> objects = render(overlay);
        String deployGuide = Files.readString(REPOSITORY.resolve("docs/deploy.md"));
        String known = deployGuide + Files.readString(REPOSITORY.resolve("docs/operations.md"))
                + Files.readString(REPOSITORY.resolve("submission-service/src/main/resources/application.properties"))
                + Files.readString(REPOSITORY.resolve("review-service/src/main/resources/application.properties"));
        Set<String> madeByOperators = new HashSet<>();
        for (ObjectNode object : objects) {
            String name = object.at("/metadata/name").asText();
            switch (object.path("kind").asText()) {
                case "KafkaUser" -> madeByOperators.add(name);
                case "Kafka" -> madeByOperators.add(name + "-cluster-ca-cert");
                case "Cluster" -> madeByOperators.add(name + "-ca");
                default -> { }
            }
        }
        Set<String> undocumented = new TreeSet<>();
        for (ObjectNode object : objects) {
            for (JsonNode reference : object.findValues("secretKeyRef")) {
                String secret = reference.path("name").asText();
                if (!madeByOperators.contains(secret) && !deployGuide.contains(secret)) {
                    undocumented.add("secret " + secret);
                }
            }
            for (JsonNode volume : object.findValues("secret")) {
                String secret = volume.path("secretName").asText();
                if (!secret.isEmpty() && !madeByOperators.contains(secret) && !deployGuide.contains(secret)) {
                    undocumented.add("secret " + secret);
                }
            }
            Set<String> variables = new TreeSet<>();
            if (object.path("kind").asText().equals("ConfigMap")) {
                object.path("data").fieldNames().forEachRemaining(variables::add);
            }
            object.findValues("env").forEach(env -> env.findValues("name").forEach(name -> variables.add(name.asText())));
            for (String variable : variables) {
                if (variable.startsWith("LECTERN_") && !known.contains(variable)) {
                    undocumented.add("variable " + variable);
                }
            }
        }
        assertEquals(Set.of(), undocumented, overlay);
    }

    @Test
    void theRendererRefusesWhatItDoesNotSupport(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                commonLabels:
                  app: lectern
                """);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(directory));
        assertTrue(refused.getMessage().contains("commonLabels"), refused.getMessage());

        Files.writeString(directory.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: hashed
                    literals: [A=1]
                """);
        refused = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(directory));
        assertTrue(refused.getMessage().contains("hash suffix"), refused.getMessage());
    }

    @Test
    void patchesMergeAsKubernetesDoes(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: lectern/app
                          env:
                            - {name: A, value: "1"}
                            - {name: B, value: "2"}
                          args: [one, two]
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: user}
                spec:
                  authorization:
                    type: simple
                    acls:
                      - {resource: {type: topic, name: a}, operations: [Read]}
                """);
        Files.writeString(directory.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: B, value: "3"}
                            - {name: C, value: "4"}
                          args: [three]
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: user}
                spec:
                  authorization:
                    acls:
                      - {resource: {type: topic, name: b}, operations: [Write]}
                """);
        Files.writeString(directory.resolve("kustomization.yaml"), """
                namespace: ns
                resources: [deployment.yaml]
                patches:
                  - path: patch.yaml
                  - target: {kind: Deployment, name: app}
                    patch: |-
                      - op: add
                        path: /spec/replicas
                        value: 2
                images:
                  - {name: lectern/app, newName: registry.example.org/app, newTag: "1.0"}
                """);
        List<ObjectNode> objects = Kustomize.render(directory);
        JsonNode container = objects.get(0).at("/spec/template/spec/containers/0");
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},{\"name\":\"C\",\"value\":\"4\"}]",
                container.get("env").toString());
        assertEquals("[\"three\"]", container.get("args").toString());
        assertEquals("registry.example.org/app:1.0", container.get("image").asText());
        assertEquals(2, objects.get(0).at("/spec/replicas").asInt());
        assertEquals("ns", objects.get(1).at("/metadata/namespace").asText());
        assertEquals("b", objects.get(1).at("/spec/authorization/acls/0/resource/name").asText());
        assertEquals(1, objects.get(1).at("/spec/authorization/acls").size(), "a custom resource's list is replaced");
        assertEquals("simple", objects.get(1).at("/spec/authorization/type").asText());
    }

    /** The dashboard plots every metric the alert rules use. */
    @Test
    void theDashboardShowsEveryMetricTheAlertsUse() throws IOException {
        String dashboard = Files.readString(REPOSITORY.resolve("deploy/grafana/lectern.json"));
        JsonNode rules = Kustomize.find(render("production"), "PrometheusRule", "lectern");
        Pattern metric = Pattern.compile("(lectern_[a-z_]+|kafka_consumer_fetch_manager_records_lag_max)");
        Set<String> missing = new TreeSet<>();
        for (JsonNode expr : rules.findValues("expr")) {
            Matcher matcher = metric.matcher(expr.asText());
            while (matcher.find()) {
                if (!dashboard.contains(matcher.group(1))) {
                    missing.add(matcher.group(1));
                }
            }
        }
        assertEquals(Set.of(), missing);
        assertTrue(Kustomize.YAML.readTree(dashboard).path("panels").size() >= 6, "the dashboard's panels");
    }
}
