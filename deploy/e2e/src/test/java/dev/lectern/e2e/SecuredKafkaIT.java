package dev.lectern.e2e;

import dev.lectern.infra.KafkaBroker;
import dev.lectern.infra.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka as a managed cluster runs it: SASL_SSL with SCRAM-SHA-512 users and ACLs that grant each service only its
 * own topics and consumer group (the grants docs/operations.md lists). A proposal reaches review-service and its
 * decision comes back; a service whose password is wrong is not ready and says why in its log.
 */
@Tag("slow")
class SecuredKafkaIT {

    static final String PASSWORD_SUBMISSION = "submission-secret-1";
    static final String PASSWORD_REVIEW = "review-secret-1";
    static final String STORE_PASSWORD = "changeit-e2e";
    static final String OSPO = "ospo-experience";
    /** A start on a loaded two-core machine took 107 s. */
    static final Duration READY = Duration.ofMinutes(4);

    static Stack stack;
    static KafkaBroker kafka;
    static Path truststore;
    static final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        Path directory = Files.createTempDirectory("lectern-e2e-secured-kafka");
        Certificates broker = Certificates.selfSigned(directory, "broker", STORE_PASSWORD);
        Path keystore = broker.keyStore();
        truststore = broker.trustStore();
        kafka = KafkaBroker.spawnSecured(directory.resolve("broker"), stack.logs.resolve("kafka-secured.log"),
                new KafkaBroker.Security(keystore, STORE_PASSWORD,
                        Map.of("submission-service", PASSWORD_SUBMISSION, "review-service", PASSWORD_REVIEW)));
        grant("submission-service", "submission-service",
                List.of("cfp.events", "cfp.proposals", "cfp.decisions.dlq"),
                List.of("cfp.decisions", "cfp.events", "cfp.proposals"));
        grant("review-service", "review-service",
                List.of("cfp.decisions", "cfp.events.dlq", "cfp.proposals.dlq"),
                List.of("cfp.events", "cfp.proposals", "cfp.decisions"));
    }

    @AfterAll
    static void stop() {
        started.forEach(ServiceProcess::stop);
        if (kafka != null) {
            kafka.kill();
        }
    }

    @Test
    void aProposalReachesReviewAndItsDecisionComesBackOverSaslSsl() {
        ServiceProcess submission = service("submission", "submission-service", PASSWORD_SUBMISSION).start(READY);
        ServiceProcess review = service("review", "review-service", PASSWORD_REVIEW).start(READY);
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(submission.baseUrl(), organizer);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                api(review, organizer).contentType(ContentType.JSON).body(Api.reviewSettings())
                        .put("/api/events/" + slug + "/review-settings").then().statusCode(200));
        List<String> reviewers = new ArrayList<>();
        for (int r = 1; r <= 2; r++) {
            String subject = "reviewer" + r + "-" + slug + "@reviewers.test";
            api(review, organizer).contentType(ContentType.JSON)
                    .body(Map.of("subject", subject, "name", "Reviewer " + r, "email", subject,
                            "affiliation", "Reviewing University " + r, "tracks", List.of(OSPO),
                            "maxAssignments", 12, "conflicts", List.of()))
                    .post("/api/events/" + slug + "/reviewers").then().statusCode(201);
            reviewers.add(subject);
        }
        String email = "speaker-" + slug + "@speakers.test";
        String speaker = stack.bearer(email, "speaker");
        String id = Api.submit(submission.baseUrl(), speaker, slug,
                        Api.talk("安全的 Kafka 集群", OSPO, "Speaker", email, "Speaker Company"), null)
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                api(review, organizer).get("/api/events/" + slug + "/proposals").then().statusCode(200)
                        .body("", hasSize(1)).body("[0].id", equalTo(id)));

        api(review, organizer).post("/api/events/" + slug + "/assignments").then().statusCode(200);
        for (String subject : reviewers) {
            String token = stack.bearer(subject, "reviewer");
            List<String> assigned = api(review, token).get("/api/me/assignments").then().statusCode(200)
                    .extract().path("proposal.id");
            for (String proposal : assigned) {
                api(review, token).contentType(ContentType.JSON)
                        .body(Map.of("scores", Map.of("content", 5, "clarity", 5), "comment", "Useful.", "confidence", 4))
                        .put("/api/me/reviews/" + proposal).then().statusCode(200);
            }
        }
        api(review, organizer).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("tracks", Map.of(OSPO, 1)), "key", "raw"))
                .post("/api/events/" + slug + "/selection").then().statusCode(200);
        api(review, organizer).post("/api/events/" + slug + "/decisions/publish")
                .then().statusCode(200).body("published", equalTo(1));

        // Back over cfp.decisions, which only review-service may write and only submission-service's group reads.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertEquals("ACCEPTED", given().baseUri(submission.baseUrl()).header("Authorization", speaker)
                        .get("/api/proposals/" + id).then().statusCode(200).extract().path("status")));
        submission.stop();
        review.stop();
    }

    @Test
    void aServiceWithAWrongPasswordIsNotReadyAndSaysWhy() throws IOException {
        ServiceProcess wrong = service("submission", "submission-service", "not-the-password").launch();
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        // The API works (the database is fine), and what it writes waits in the outbox.
        await().atMost(READY).ignoreExceptions().untilAsserted(() ->
                given().baseUri(wrong.baseUrl()).header("Authorization", organizer).contentType(ContentType.JSON)
                        .body(Api.event("wrong-password-" + System.nanoTime()))
                        .post("/api/events").then().statusCode(201));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String health = given().baseUri(wrong.baseUrl()).get("/q/health/ready").then().statusCode(503)
                    .extract().asString();
            assertTrue(health.contains("kafkaRefuses") && health.contains("SaslAuthenticationException"), health);
        });
        System.out.println("readiness with a wrong Kafka password: "
                + given().baseUri(wrong.baseUrl()).get("/q/health/ready").then().extract().asString());
        String log = Files.readString(wrong.logFile());
        assertTrue(log.contains("outbox relay refused by Kafka: SaslAuthenticationException"), log);
        assertTrue(log.contains("check the service's Kafka security settings"), log);
        wrong.stop();
    }

    private static ServiceProcess service(String name, String user, String password) {
        Map<String, String> environment = new HashMap<>();
        environment.put("LECTERN_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        environment.put("LECTERN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("LECTERN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        environment.put("LECTERN_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"" + user + "\" password=\"" + password + "\";");
        environment.put("LECTERN_KAFKA_TRUSTSTORE_LOCATION", truststore.toString());
        environment.put("LECTERN_KAFKA_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
        environment.put("LECTERN_KAFKA_TRUSTSTORE_TYPE", "PKCS12");
        environment.put("LECTERN_KAFKA_CLIENT_ID_PREFIX", "e2e-");
        ServiceProcess process = name.equals("submission") ? stack.submission(environment) : stack.review(environment);
        started.add(process);
        return process;
    }

    private static RequestSpecification api(ServiceProcess service, String token) {
        return given().baseUri(service.baseUrl()).header("Authorization", token);
    }

    /** Write and Read (each with Describe) on the named topics and Read on the group, for this user only. */
    private static void grant(String user, String group, List<String> writes, List<String> reads) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        String principal = "User:" + user;
        for (String topic : writes) {
            acls.add(allow(ResourceType.TOPIC, topic, principal, AclOperation.WRITE));
            acls.add(allow(ResourceType.TOPIC, topic, principal, AclOperation.DESCRIBE));
        }
        for (String topic : reads) {
            acls.add(allow(ResourceType.TOPIC, topic, principal, AclOperation.READ));
            acls.add(allow(ResourceType.TOPIC, topic, principal, AclOperation.DESCRIBE));
        }
        acls.add(allow(ResourceType.GROUP, group, principal, AclOperation.READ));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.adminBootstrapServers()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
