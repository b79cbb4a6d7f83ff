package dev.lectern.submission.security;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.infra.LoopbackClient;
import dev.lectern.infra.TestInfrastructure;
import dev.lectern.infra.Tokens;
import dev.lectern.submission.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submission-service against the OWASP API Security Top 10 (2023), one or more tests per item that applies,
 * over real PostgreSQL and Kafka, with the production rate limits switched on (small enough to test).
 * Finer-grained tests of the same items live beside: {@code AuthenticationTest}, {@code ProposalAccessTest},
 * {@code BadInputTest}, {@code RateLimitTest}, {@code OpenApiCoverageTest}.
 */
@QuarkusTest
@TestProfile(OwaspApiTop10Test.RateLimited.class)
class OwaspApiTop10Test {

    /** The API's own mapper, with the limits of {@code web.JsonLimits}. */
    @Inject
    ObjectMapper mapper;

    static final String PROBLEM = "application/problem+json";

    /** Requests without a valid token a single address may make at once here. */
    static final int ANONYMOUS_BURST = 150;

    /**
     * Submissions limited per subject and unauthenticated requests per address as in production, with bursts
     * small enough to reach in a test (tests that flood come from addresses of their own, see {@link LoopbackClient}).
     */
    public static class RateLimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lectern.rate-limit.enabled", "true",
                    "lectern.rate-limit.submissions.burst", "10",
                    "lectern.rate-limit.submissions.per-second", "0.01",
                    "lectern.rate-limit.anonymous.burst", String.valueOf(ANONYMOUS_BURST),
                    "lectern.rate-limit.anonymous.per-second", "5");
        }
    }

    // ---- API1: broken object level authorization --------------------------------------------------------

    @Test
    void api1_speakerCannotReadUpdateWithdrawConfirmOrListAnotherSpeakersProposalAndGetsTheAnswerOfAnUnknownId() {
        String slug = Fixtures.createEvent("api1");
        String a = "a-" + slug + "@example.com";
        String b = "b-" + slug + "@example.com";
        String accepted = Fixtures.submit(slug, a, Fixtures.talk(a));
        String submitted = Fixtures.submit(slug, a, Fixtures.talk(a));
        decide(accepted, slug, "dev.lectern.proposal.accepted.v1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Fixtures.speaker(a)).get("/api/proposals/" + accepted)
                        .then().statusCode(200).body("status", equalTo("ACCEPTED")));
        Fixtures.submit(slug, b, Fixtures.talk(b));

        String speakerB = Fixtures.speaker(b);
        String unknown = UUID.randomUUID().toString();
        for (String id : List.of(accepted, submitted)) {
            sameAnswer(given().header("Authorization", speakerB).get("/api/proposals/" + id), id,
                    given().header("Authorization", speakerB).get("/api/proposals/" + unknown), unknown);
            sameAnswer(given().header("Authorization", speakerB).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                            .body(Fixtures.talk(b)).put("/api/proposals/" + id), id,
                    given().header("Authorization", speakerB).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                            .body(Fixtures.talk(b)).put("/api/proposals/" + unknown), unknown);
            for (String step : List.of("submit", "withdraw", "confirm", "decline")) {
                sameAnswer(given().header("Authorization", speakerB).post("/api/proposals/" + id + "/" + step), id,
                        given().header("Authorization", speakerB).post("/api/proposals/" + unknown + "/" + step), unknown);
            }
        }
        // Not by listing, filtering or exporting either.
        given().header("Authorization", speakerB).get("/api/me/proposals").then().statusCode(200)
                .body("id", not(hasItem(accepted))).body("id", not(hasItem(submitted))).body("size()", equalTo(1));
        for (String query : List.of("", "?q=" + a, "?status=ACCEPTED", "?q=开源合规&limit=200")) {
            given().header("Authorization", speakerB).get("/api/events/" + slug + "/proposals" + query)
                    .then().statusCode(403).contentType(PROBLEM);
            // There is no CSV export here: asking for one is refused too, and names nothing of A's.
            String export = given().header("Authorization", speakerB).accept("text/csv")
                    .get("/api/events/" + slug + "/proposals" + query)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(403, 406)).extract().asString();
            assertFalse(export.contains(a) || export.contains(accepted) || export.contains(submitted), export);
        }
        given().header("Authorization", speakerB).get("/api/events/" + slug + "/proposals/counts?q=" + a)
                .then().statusCode(403).contentType(PROBLEM);

        // Nothing B tried changed A's proposals.
        given().header("Authorization", Fixtures.speaker(a)).get("/api/proposals/" + accepted).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("title", equalTo(Fixtures.talk(a).get("title")));
        given().header("Authorization", Fixtures.speaker(a)).get("/api/proposals/" + submitted).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("version", equalTo(1))
                .body("speakers[0].email", equalTo(a));
    }

    @Test
    void api1_organizerOfAnotherEventGetsTheAnswerOfAnUnknownIdForAProposal() {
        String slug = Fixtures.createEvent("api1-org");
        String speaker = "s-" + slug + "@example.com";
        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String elsewhere = Fixtures.bearer("org-" + slug, "organizer:" + slug + "-elsewhere");
        String unknown = UUID.randomUUID().toString();
        sameAnswer(given().header("Authorization", elsewhere).get("/api/proposals/" + id), id,
                given().header("Authorization", elsewhere).get("/api/proposals/" + unknown), unknown);
        given().header("Authorization", Fixtures.bearer("org-" + slug, "organizer:" + slug))
                .get("/api/proposals/" + id).then().statusCode(200);
    }

    @Test
    void api1_aSubmitterMustBeOneOfTheProposalsSpeakers() {
        String slug = Fixtures.createEvent("api1-own");
        String mallory = "mallory-" + slug + "@example.com";
        String victim = "victim-" + slug + "@example.com";
        for (String language : List.of("en", "zh")) {
            Response refused = given().header("Authorization", Fixtures.speaker(mallory)).header("Accept-Language", language)
                    .contentType(ContentType.JSON).body(Fixtures.talk(victim))
                    .post("/api/events/" + slug + "/proposals");
            assertEquals(400, refused.statusCode(), refused.asString());
            assertEquals(PROBLEM, refused.contentType());
            assertEquals("speakers", refused.path("errors[0].field"));
            assertEquals("submitter-not-speaker", refused.path("errors[0].code"));
            String message = refused.path("errors[0].message");
            assertTrue(message.contains(mallory), message);
            assertTrue(language.equals("zh") ? message.contains("讲者") : message.contains("speaker"), message);
        }
        given().header("Authorization", Fixtures.speaker(victim)).get("/api/me/proposals")
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", Fixtures.speaker(mallory)).get("/api/me/proposals")
                .then().statusCode(200).body("size()", equalTo(0));
        // Named by email with another account's subject, the submitter is one of the speakers.
        String account = Fixtures.bearerWithEmail("account-" + slug, victim, "speaker");
        Fixtures.post(account, "/api/events/" + slug + "/proposals", Fixtures.talk(victim)).statusCode(201);
    }

    @Test
    void api1_aSpeakerCannotEditThemselvesOffAProposal() {
        String slug = Fixtures.createEvent("api1-off");
        String a = "a-" + slug + "@example.com";
        String b = "b-" + slug + "@example.com";
        String id = Fixtures.submit(slug, a, Fixtures.proposal("Debate", "debate", "ospo-experience", "en",
                List.of(Fixtures.person("A", a), Fixtures.person("B", b))));
        given().header("Authorization", Fixtures.speaker(a)).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Fixtures.proposal("Debate without me", "debate", "ospo-experience", "en",
                        List.of(Fixtures.person("B", b), Fixtures.person("C", "c-" + slug + "@example.com"))))
                .put("/api/proposals/" + id)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("speakers")).body("errors[0].code", equalTo("submitter-not-speaker"));
        given().header("Authorization", Fixtures.speaker(a)).get("/api/proposals/" + id)
                .then().statusCode(200).body("title", equalTo("Debate")).body("version", equalTo(1));
    }

    @Test
    void api1_aSpeakerRemovedByACoSpeakerLosesAccess() {
        String slug = Fixtures.createEvent("api1-removed");
        String a = "a-" + slug + "@example.com";
        String b = "b-" + slug + "@example.com";
        String id = Fixtures.submit(slug, a, Fixtures.proposal("Debate", "debate", "ospo-experience", "en",
                List.of(Fixtures.person("A", a), Fixtures.person("B", b))));
        String coSpeaker = Fixtures.bearerWithEmail("account-" + slug, b, "speaker");
        given().header("Authorization", coSpeaker).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Fixtures.proposal("Debate, new partner", "debate", "ospo-experience", "en",
                        List.of(Fixtures.person("B", b), Fixtures.person("C", "c-" + slug + "@example.com"))))
                .put("/api/proposals/" + id).then().statusCode(200);
        String former = Fixtures.speaker(a);
        String unknown = UUID.randomUUID().toString();
        sameAnswer(given().header("Authorization", former).get("/api/proposals/" + id), id,
                given().header("Authorization", former).get("/api/proposals/" + unknown), unknown);
        for (String step : List.of("withdraw", "submit")) {
            sameAnswer(given().header("Authorization", former).post("/api/proposals/" + id + "/" + step), id,
                    given().header("Authorization", former).post("/api/proposals/" + unknown + "/" + step), unknown);
        }
        given().header("Authorization", former).get("/api/me/proposals")
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().header("Authorization", coSpeaker).get("/api/proposals/" + id).then().statusCode(200);
    }

    @Test
    void api1_anOrganizerWhoImportedAProposalNeverGetsSpeakerAccessEvenAfterTheSpeakerEditsIt() {
        String slug = Fixtures.createEvent("api1-import");
        String importer = "importer-" + slug + "@lectern.test";
        String speaker = "s-" + slug + "@example.com";
        String record = "{\"externalId\":\"x-1\",\"title\":\"Imported\",\"abstract\":\"About it\",\"format\":\"talk\","
                + "\"track\":\"compliance-legal\",\"language\":\"en\",\"speakers\":[{\"name\":\"S\",\"email\":\"" + speaker + "\"}]}";
        String id = given().header("Authorization", Fixtures.bearer(importer, "organizer:" + slug)).contentType("application/x-ndjson")
                .body((record + "\n").getBytes(StandardCharsets.UTF_8)).post("/api/events/" + slug + "/imports")
                .then().statusCode(201).body("counts.created", equalTo(1)).extract().path("records[0].proposalId");
        given().header("Authorization", Fixtures.speaker(speaker)).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Fixtures.talk(speaker)).put("/api/proposals/" + id).then().statusCode(200);
        // The importer, once no longer an organizer of the event, has no speaker access to it.
        String formerOrganizer = Fixtures.bearer(importer, "speaker");
        String unknown = UUID.randomUUID().toString();
        sameAnswer(given().header("Authorization", formerOrganizer).get("/api/proposals/" + id), id,
                given().header("Authorization", formerOrganizer).get("/api/proposals/" + unknown), unknown);
        for (String step : List.of("confirm", "decline", "withdraw")) {
            sameAnswer(given().header("Authorization", formerOrganizer).post("/api/proposals/" + id + "/" + step), id,
                    given().header("Authorization", formerOrganizer).post("/api/proposals/" + unknown + "/" + step), unknown);
        }
        given().header("Authorization", formerOrganizer).get("/api/me/proposals")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    // ---- API2: broken authentication --------------------------------------------------------------------

    @Test
    void api2_badTokensAre401OnSpeakerEndpointsAndCreateNothing() {
        String slug = Fixtures.createEvent("api2");
        long now = Instant.now().getEpochSecond();
        String rs256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        Tokens keys = TestInfrastructure.tokens();
        String good = keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now, now + 3600, null));
        String[] parts = good.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now - 7200, now - 3600, null)));
        bad.put("not yet valid", keys.sign(rs256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now, now + 7200, now + 3600)));
        bad.put("wrong issuer", keys.sign(rs256, claims("https://evil.example.com", Tokens.AUDIENCE, now, now + 3600, null)));
        bad.put("wrong audience", keys.sign(rs256, claims(Tokens.ISSUER, "another-app", now, now + 3600, null)));
        bad.put("unsigned", b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".");
        bad.put("HS256 with the public key as secret", hs256WithPublicKey(parts[1]));
        bad.put("another key", Tokens.generate().mint("mallory-" + slug + "@example.com", List.of("speaker", "organizer")));
        for (Map.Entry<String, String> token : bad.entrySet()) {
            given().header("Authorization", "Bearer " + token.getValue()).contentType(ContentType.JSON)
                    .body(Fixtures.talk("mallory-" + slug + "@example.com")).post("/api/events/" + slug + "/proposals")
                    .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
            given().header("Authorization", "Bearer " + token.getValue()).get("/api/me/proposals")
                    .then().statusCode(401).contentType(PROBLEM);
        }
        given().header("Authorization", Fixtures.organizer()).get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", "Bearer " + good).get("/api/me/proposals").then().statusCode(200);
    }

    /** An algorithm-confusion forgery: HS256 keyed with the service's own public key. */
    private static String hs256WithPublicKey(String claimsPart) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + claimsPart;
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    TestInfrastructure.tokens().publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void api2_aGroupsClaimThatIsOneStringIsOneGroupAndGrantsNoOrganizerRights() {
        String slug = Fixtures.createEvent("api2-groups");
        long now = Instant.now().getEpochSecond();
        String subject = "former-" + slug + "@example.com";
        String former = "Bearer " + TestInfrastructure.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + subject + "\","
                        + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"groups\":\"Former organizer\"}");
        // Signed and valid, but "Former organizer" is one group, not the groups Former and organizer.
        given().header("Authorization", former).get("/api/events/" + slug + "/proposals")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
        given().header("Authorization", former).contentType(ContentType.JSON)
                .body(Fixtures.event(Fixtures.uniqueSlug("api2-groups-new"))).post("/api/events")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", former).contentType(ContentType.JSON).body(Fixtures.event(slug))
                .put("/api/events/" + slug).then().statusCode(403).contentType(PROBLEM);
        // The same subject with organizer as a group of its own is an organizer.
        given().header("Authorization", Fixtures.bearer(subject, "organizer")).get("/api/events/" + slug + "/proposals")
                .then().statusCode(200);
    }


    // ---- API3: broken object property level authorization ------------------------------------------------

    @Test
    void api3_statusIdVersionAndOwnershipInCreateOrUpdateBodiesChangeNothing() {
        String slug = Fixtures.createEvent("api3");
        String speaker = "s-" + slug + "@example.com";
        Map<String, Object> forced = new LinkedHashMap<>();
        forced.put("status", "ACCEPTED");
        forced.put("id", UUID.randomUUID().toString());
        forced.put("version", 42);
        forced.put("ownerSubject", "someone-else@example.com");
        forced.put("event", "another-event");
        forced.put("createdAt", "2020-01-01T00:00:00Z");
        for (Map.Entry<String, Object> field : forced.entrySet()) {
            Map<String, Object> body = new HashMap<>(Fixtures.talk(speaker));
            body.put(field.getKey(), field.getValue());
            Fixtures.post(Fixtures.speaker(speaker), "/api/events/" + slug + "/proposals", body)
                    .statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(field.getKey())).body("errors[0].code", equalTo("unknown-field"));
        }
        given().header("Authorization", Fixtures.speaker(speaker)).get("/api/me/proposals")
                .then().statusCode(200).body("size()", equalTo(0));

        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        for (Map.Entry<String, Object> field : forced.entrySet()) {
            Map<String, Object> body = new HashMap<>(Fixtures.talk(speaker));
            body.put("title", "Changed with " + field.getKey());
            body.put(field.getKey(), field.getValue());
            given().header("Authorization", Fixtures.speaker(speaker)).header("If-Match", "\"1\"")
                    .contentType(ContentType.JSON).body(body).put("/api/proposals/" + id)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(field.getKey()));
        }
        Response after = given().header("Authorization", Fixtures.speaker(speaker)).get("/api/proposals/" + id);
        after.then().statusCode(200).body("status", equalTo("SUBMITTED")).body("version", equalTo(1))
                .body("id", equalTo(id)).body("title", equalTo(Fixtures.talk(speaker).get("title")));
        assertEquals("\"1\"", after.header("ETag"));
        // Responses are views: no internal field to learn or send back.
        Map<String, Object> view = after.jsonPath().getMap("$");
        for (String internal : List.of("ownerSubject", "owner", "idempotencyKey", "accessList", "principals")) {
            assertFalse(view.containsKey(internal), internal + " in " + view.keySet());
        }
    }

    // ---- API4: unrestricted resource consumption ---------------------------------------------------------

    @Test
    void api4_oversizedNestedBadlyEncodedAndUnboundedRequestsAreRefusedWithProblemsNot500() {
        String slug = Fixtures.createEvent("api4");
        String speaker = "s-" + slug + "@example.com";
        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String token = Fixtures.speaker(speaker);
        String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().header("Authorization", token).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(huge)
                .put("/api/proposals/" + id).then().statusCode(413).contentType(PROBLEM).body("code", equalTo("payload-too-large"));
        given().header("Authorization", token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"tags\":" + "[".repeat(100) + "]".repeat(100) + "}")
                .put("/api/proposals/" + id).then().statusCode(400).contentType(PROBLEM)
                // Typed bodies stop at the first token of the wrong type; the mapper's depth limit is behind that.
                .body("code", org.hamcrest.Matchers.oneOf("json-too-complex", "validation-failed"));
        assertThrows(StreamConstraintsException.class, () -> mapper.readTree("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        Map<String, Object> valid = new HashMap<>(Fixtures.talk(speaker));
        valid.put("title", "PLACEHOLDER");
        byte[] latin1 = new ObjectMapper().valueToTree(valid).toString()
                .replace("PLACEHOLDER", "bad \u00ff\u00fe bytes").getBytes(StandardCharsets.ISO_8859_1);
        // Otherwise a valid update: if the bad bytes were silently replaced, it would be stored (200).
        given().header("Authorization", token).header("If-Match", "\"1\"").contentType("application/json; charset=UTF-8")
                .body(latin1).put("/api/proposals/" + id).then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", Fixtures.organizer()).get("/api/events/" + slug + "/proposals?limit=100000")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", token).get("/api/proposals/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("title", equalTo(Fixtures.talk(speaker).get("title")));
    }

    @Test
    void api4_aCsvRecordWithAMillionColumnsIsRejectedWithItsLineWithoutStoppingTheImportAndAHugeFieldIsRefused() {
        String slug = Fixtures.createEvent("api4-columns");
        String header = "externalId,title,abstract,format,track,language,speaker1_name,speaker1_email\n";
        StringBuilder csv = new StringBuilder(header)
                .append("c-1,First,About it,talk,compliance-legal,en,Li Lei,lilei@example.com\n");
        csv.append("c-2").append(",x".repeat(1_000_000)).append('\n');
        csv.append("c-3,Third,About it,talk,compliance-legal,en,Han Meimei,hanmeimei@example.com\n");
        Response report = given().header("Authorization", Fixtures.organizer()).contentType("text/csv")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8)).post("/api/events/" + slug + "/imports");
        assertEquals(201, report.statusCode(), report.asString());
        assertEquals(2, (int) report.path("counts.created"));
        assertEquals(1, (int) report.path("counts.rejected"));
        assertEquals(List.of(2, 3, 4), report.path("records.line"));
        assertEquals("too-many-columns", report.path("records[1].errors[0].code"));
        assertEquals("COMPLETED", report.path("status"));
        // A 12 MB line that is one field: the file is refused at that line, with a problem, and nothing of it is kept.
        String huge = header + "c-4,\"" + "y".repeat(12 * 1024 * 1024) + "\",About it,talk,compliance-legal,en,A,a@example.com\n";
        given().header("Authorization", Fixtures.organizer()).contentType("text/csv")
                .body(huge.getBytes(StandardCharsets.UTF_8)).post("/api/events/" + slug + "/imports")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("import-malformed"));
    }

    @Test
    void api4_anImportRecordWithANulIsARejectedRowAndTheOthersAreWritten() {
        String slug = Fixtures.createEvent("api4-nul");
        String ndjson = ndjsonRecord("n-1", "First") + "\n" + ndjsonRecord("n-2", "Nul \\u0000 inside") + "\n"
                + ndjsonRecord("n-3", "Third") + "\n";
        Response report = given().header("Authorization", Fixtures.organizer()).header("Accept-Language", "zh")
                .contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/events/" + slug + "/imports");
        assertEquals(201, report.statusCode(), report.asString());
        assertEquals("COMPLETED", report.path("status"));
        assertEquals(2, (int) report.path("counts.created"));
        assertEquals(1, (int) report.path("counts.rejected"));
        assertEquals(List.of(1, 2, 3), report.path("records.line"));
        assertEquals("title", report.path("records[1].errors[0].field"));
        assertEquals("nul-character", report.path("records[1].errors[0].code"));
        assertTrue(report.<String>path("records[1].errors[0].message").contains("NUL"));
        given().header("Authorization", Fixtures.organizer()).get(report.<String>path("recordsUrl"))
                .then().statusCode(200).body("records.outcome", equalTo(List.of("created", "rejected", "created")));
    }

    private static String ndjsonRecord(String externalId, String title) {
        return "{\"externalId\":\"" + externalId + "\",\"title\":\"" + title + "\",\"abstract\":\"About it\",\"format\":\"talk\","
                + "\"track\":\"compliance-legal\",\"language\":\"en\",\"speakers\":[{\"name\":\"S\",\"email\":\"s@example.com\"}]}";
    }

    @Test
    void api4_junkAndFailingTokensCountAgainstTheAddressLikeNoToken() {
        int port = io.restassured.RestAssured.port;
        long now = Instant.now().getEpochSecond();
        String expired = "Bearer " + TestInfrastructure.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                claims(Tokens.ISSUER, Tokens.AUDIENCE, now - 7200, now - 3600, null));
        Map<String, String> failing = new LinkedHashMap<>();
        failing.put("127.0.0.2", "Bearer junk");
        failing.put("127.0.0.3", expired);
        for (Map.Entry<String, String> attacker : failing.entrySet()) {
            LoopbackClient client = new LoopbackClient(attacker.getKey(), port);
            Map<String, String> headers = Map.of("Authorization", attacker.getValue());
            int unauthenticated = 0;
            LoopbackClient.Answer answer = client.get("/api/me/proposals", headers);
            while (answer.status() == 401 && unauthenticated < 4 * ANONYMOUS_BURST) {
                unauthenticated++;
                answer = client.get("/api/me/proposals", headers);
            }
            assertEquals(429, answer.status(), attacker.getValue() + " after " + unauthenticated + ": " + answer.body());
            assertTrue(unauthenticated >= ANONYMOUS_BURST / 2, "limited after " + unauthenticated);
            assertTrue(answer.header("Content-Type").startsWith(PROBLEM), answer.headers().toString());
            assertNotNull(answer.header("Retry-After"));
            // The same address without a token is in the same bucket; a signed-in caller from it is not.
            assertEquals(429, client.get("/api/me/proposals", Map.of()).status());
            assertEquals(200, client.get("/api/me/proposals",
                    Map.of("Authorization", Fixtures.speaker("s-" + UUID.randomUUID() + "@example.com"))).status());
        }
    }

    // ---- API5: broken function level authorization -------------------------------------------------------

    @Test
    void api5_speakersReviewersAndOrganizersOfAnotherEventAreRefusedOnEveryOrganizerEndpoint() {
        String slug = Fixtures.createEvent("api5");
        String other = Fixtures.createEvent("api5-other");
        Map<String, String> callers = Map.of(
                "speaker", Fixtures.speaker("s-" + slug + "@example.com"),
                "reviewer", Fixtures.bearer("r-" + slug + "@example.com", "reviewer", "reviewer:" + slug),
                "organizer of another event", Fixtures.bearer("o-" + slug + "@example.com", "organizer:" + other));
        String importJob = UUID.randomUUID().toString();
        String csv = "title,abstract,format,track,language,speaker1_name,speaker1_email\n"
                + "Imported,Abstract,talk,ospo-experience,en,Someone,someone@example.com\n";
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            String token = caller.getValue();
            List<Response> answers = new ArrayList<>();
            answers.add(given().header("Authorization", token).contentType(ContentType.JSON)
                    .body(Fixtures.event(Fixtures.uniqueSlug("api5-new"))).post("/api/events"));
            answers.add(given().header("Authorization", token).contentType(ContentType.JSON)
                    .body(Fixtures.event(slug)).put("/api/events/" + slug));
            answers.add(given().header("Authorization", token).get("/api/events/" + slug + "/proposals"));
            answers.add(given().header("Authorization", token).get("/api/events/" + slug + "/proposals/counts"));
            answers.add(given().header("Authorization", token).contentType("text/csv").body(csv)
                    .post("/api/events/" + slug + "/imports"));
            answers.add(given().header("Authorization", token).contentType("text/csv").body(csv)
                    .post("/api/events/" + slug + "/imports?dryRun=true"));
            answers.add(given().header("Authorization", token).get("/api/events/" + slug + "/imports"));
            answers.add(given().header("Authorization", token).get("/api/events/" + slug + "/imports/" + importJob));
            for (Response answer : answers) {
                assertEquals(403, answer.statusCode(), caller.getKey() + ": " + answer.asString());
                assertTrue(answer.contentType().startsWith(PROBLEM), answer.contentType());
                assertEquals("forbidden", answer.jsonPath().getString("code"));
            }
        }
        // The refusals changed nothing.
        given().header("Authorization", Fixtures.organizer()).get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().get("/api/events/" + slug).then().statusCode(200).body("slug", equalTo(slug));
        // And the right organizer is let through, so the 403s above are about who calls.
        String organizerHere = Fixtures.bearer("o-" + slug + "@example.com", "organizer:" + slug);
        given().header("Authorization", organizerHere).get("/api/events/" + slug + "/proposals/counts").then().statusCode(200);
        given().header("Authorization", organizerHere).contentType("text/csv").body(csv)
                .post("/api/events/" + slug + "/imports?dryRun=true").then().statusCode(200);
    }

    @Test
    void api5_aBodyIsValidatedOnlyForCallersWhoMaySendIt() {
        String slug = Fixtures.createEvent("api5-body");
        String invalid = "{\"title\": \"\"}";
        String speaker = Fixtures.speaker("s-" + slug + "@example.com");
        String id = Fixtures.submit(slug, "s-" + slug + "@example.com", Fixtures.talk("s-" + slug + "@example.com"));
        // Anonymous: 401 on every write route, before the body is looked at.
        for (Response answer : List.of(
                given().contentType(ContentType.JSON).body(invalid).post("/api/events"),
                given().contentType(ContentType.JSON).body(invalid).put("/api/events/" + slug),
                given().contentType(ContentType.JSON).body(invalid).post("/api/events/" + slug + "/proposals"),
                given().contentType(ContentType.JSON).body(invalid).put("/api/proposals/" + id),
                given().header("Authorization", "Bearer not-a-token").contentType(ContentType.JSON).body(invalid)
                        .post("/api/events/" + slug + "/proposals"))) {
            assertEquals(401, answer.statusCode(), answer.asString());
            assertEquals("unauthenticated", answer.jsonPath().getString("code"), answer.asString());
            assertTrue(answer.jsonPath().getList("errors") == null, "no field errors for a caller who may not send this");
        }
        // A speaker on an organizer's route: 403, not a list of what is wrong with the event body.
        for (Response answer : List.of(
                given().header("Authorization", speaker).contentType(ContentType.JSON).body(invalid).post("/api/events"),
                given().header("Authorization", speaker).contentType(ContentType.JSON).body(invalid).put("/api/events/" + slug))) {
            assertEquals(403, answer.statusCode(), answer.asString());
            assertEquals("forbidden", answer.jsonPath().getString("code"));
        }
        // Callers who may send the body still get its field errors.
        given().header("Authorization", speaker).contentType(ContentType.JSON).body(invalid)
                .post("/api/events/" + slug + "/proposals").then().statusCode(400).body("errors.size()", org.hamcrest.Matchers.greaterThan(0));
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(invalid)
                .put("/api/events/" + slug).then().statusCode(400).body("errors.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    // ---- API6: unrestricted access to sensitive business flows -------------------------------------------

    @Test
    void api6_aFloodOfSubmissionsGets429WithRetryAfterAndARetriedSubmissionIsNotDuplicated() {
        String slug = Fixtures.createEvent("api6");
        String speaker = "flood-" + slug + "@example.com";
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", Fixtures.speaker(speaker)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Fixtures.talk(speaker)).post("/api/events/" + slug + "/proposals")
                .then().statusCode(201).extract().path("id");
        String again = given().header("Authorization", Fixtures.speaker(speaker)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Fixtures.talk(speaker)).post("/api/events/" + slug + "/proposals")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300)).extract().path("id");
        assertEquals(first, again, "a retry with the same key gets the first proposal");
        int created = 0;
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            Response response = given().header("Authorization", Fixtures.speaker(speaker)).contentType(ContentType.JSON)
                    .body(Fixtures.talk(speaker)).post("/api/events/" + slug + "/proposals");
            if (response.statusCode() == 201) {
                created++;
            } else {
                response.then().statusCode(429).contentType(PROBLEM).header("Retry-After", notNullValue())
                        .body("code", equalTo("too-many-requests"));
                limited++;
            }
        }
        // A burst of 10 submissions, two used above: 8 more get through, the other 4 wait.
        assertEquals(8, created);
        assertEquals(4, limited);
        given().header("Authorization", Fixtures.speaker(speaker)).get("/api/me/proposals").then().statusCode(200)
                .body("size()", equalTo(9));
        // Another speaker is not held back by this one.
        String other = "other-" + slug + "@example.com";
        Fixtures.submit(slug, other, Fixtures.talk(other));
    }

    // ---- API8: security misconfiguration -----------------------------------------------------------------

    @Test
    void api8_errorBodiesNeverCarryStackTracesClassNamesOrSql() {
        String slug = Fixtures.createEvent("api8");
        String speaker = "s-" + slug + "@example.com";
        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String token = Fixtures.speaker(speaker);
        String organizer = Fixtures.organizer();
        List<Response> errors = new ArrayList<>();
        for (String language : List.of("en", "zh")) {
            errors.add(given().header("Authorization", token).header("Accept-Language", language).contentType(ContentType.JSON)
                    .body("{\"title\": ").post("/api/events/" + slug + "/proposals"));
            errors.add(given().header("Authorization", token).header("Accept-Language", language).contentType(ContentType.JSON)
                    .body("{\"title\":[1],\"speakers\":\"me\",\"draft\":\"maybe\"}").post("/api/events/" + slug + "/proposals"));
            errors.add(given().header("Authorization", token).header("Accept-Language", language)
                    .get("/api/proposals/not-a-uuid"));
            errors.add(given().header("Authorization", token).header("Accept-Language", language)
                    .get("/api/proposals/1 OR 1=1"));
            errors.add(given().header("Authorization", token).header("Accept-Language", language).contentType(ContentType.JSON)
                    .body(Fixtures.talk(speaker)).put("/api/proposals/" + id));
            errors.add(given().header("Authorization", token).header("Accept-Language", language).header("If-Match", "\"x' OR 1=1\"")
                    .contentType(ContentType.JSON).body(Fixtures.talk(speaker)).put("/api/proposals/" + id));
            errors.add(given().header("Authorization", token).header("Accept-Language", language).post("/api/proposals/" + id + "/confirm"));
            errors.add(given().header("Authorization", token).header("Accept-Language", language).delete("/api/proposals/" + id));
            errors.add(given().header("Authorization", organizer).header("Accept-Language", language)
                    .get("/api/events/" + slug + "/proposals?status=HACKED"));
            errors.add(given().header("Authorization", organizer).header("Accept-Language", language)
                    .get("/api/events/" + slug + "/proposals?cursor=' UNION SELECT * FROM proposal --"));
            errors.add(given().header("Authorization", organizer).header("Accept-Language", language)
                    .get("/api/events/" + slug + "/proposals?limit=-1"));
            errors.add(given().header("Authorization", organizer).header("Accept-Language", language)
                    .contentType("application/xml").body("<event/>").post("/api/events"));
            errors.add(given().header("Authorization", organizer).header("Accept-Language", language)
                    .contentType("text/csv").body("title\n\"unterminated").post("/api/events/" + slug + "/imports"));
            errors.add(given().header("Accept-Language", language).get("/api/events/no-such-event"));
        }
        for (Response error : errors) {
            String body = error.asString();
            assertTrue(error.statusCode() >= 400 && error.statusCode() < 500, error.statusCode() + ": " + body);
            assertTrue(error.contentType().startsWith(PROBLEM), error.contentType() + ": " + body);
            for (String internal : List.of("Exception", "exception", "java.", "jakarta.", "org.hibernate", "jackson",
                    "at dev.lectern", "\tat ", "SELECT ", "UNION", "INSERT ", "postgres", "SQL", "quarkus")) {
                assertFalse(body.contains(internal), "'" + internal + "' in " + body);
            }
            assertNotNull(JsonPath.from(body).getString("title"), body);
        }
        // Text that looks like SQL is only text: a search for it finds nothing and drops nothing.
        given().header("Authorization", organizer).queryParam("q", "' OR '1'='1").get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", organizer).queryParam("q", "%").get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", organizer).get("/api/events/" + slug + "/proposals")
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void api8_aMalformedAcceptLanguageMeansEnglishOnEveryErrorPath() {
        String slug = Fixtures.createEvent("api8-lang");
        String token = Fixtures.speaker("s-" + slug + "@example.com");
        String unknown = UUID.randomUUID().toString();
        Map<Integer, java.util.function.Function<String, Response>> errors = new LinkedHashMap<>();
        errors.put(401, language -> given().header("Accept-Language", language).get("/api/me/proposals"));
        errors.put(404, language -> given().header("Accept-Language", language).header("Authorization", token)
                .get("/api/proposals/" + unknown));
        errors.put(400, language -> given().header("Accept-Language", language).header("Authorization", token)
                .contentType(ContentType.JSON).body("{\"title\": ").post("/api/events/" + slug + "/proposals"));
        errors.put(403, language -> given().header("Accept-Language", language).header("Authorization", token)
                .get("/api/events/" + slug + "/proposals"));
        for (Map.Entry<Integer, java.util.function.Function<String, Response>> error : errors.entrySet()) {
            String english = error.getValue().apply("en").then().statusCode(error.getKey()).extract().path("title");
            String chinese = error.getValue().apply("zh").then().statusCode(error.getKey()).extract().path("title");
            assertFalse(english.equals(chinese), english);
            for (String language : List.of("zh;q=1.5", "*;q=abc", "zh;q=", "zh-CN;q=0.9;q=0.8", ";;;,,", "x".repeat(300))) {
                Response answer = error.getValue().apply(language);
                assertEquals((int) error.getKey(), answer.statusCode(), language + ": " + answer.asString());
                assertTrue(answer.contentType().startsWith(PROBLEM), language + ": " + answer.contentType() + " " + answer.asString());
                assertEquals(english, answer.jsonPath().getString("title"), language);
            }
        }
        // And the limiter's own 401-path: a junk token with a junk language.
        given().header("Accept-Language", "*;q=abc").header("Authorization", "Bearer junk").get("/api/me/proposals")
                .then().statusCode(401).contentType(PROBLEM).body("title", equalTo("Sign-in required"));
    }

    @Test
    void api8_jsonIsReadStrictlyAndEachLeniencyIsA400NamingTheField() throws Exception {
        String slug = Fixtures.createEvent("api8-strict");
        String speaker = "s-" + slug + "@example.com";
        String token = Fixtures.speaker(speaker);
        String path = "/api/events/" + slug + "/proposals";
        String talk = mapper.writeValueAsString(Fixtures.talk(speaker));
        String body = talk.substring(1);

        given().header("Authorization", token).contentType(ContentType.JSON).body(talk + " {\"title\":\"again\"}").post(path)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"));
        given().header("Authorization", token).contentType(ContentType.JSON).body(talk + "garbage").post(path)
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", token).contentType(ContentType.JSON).body("{\"title\":\"First\"," + body).post(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title")).body("errors[0].code", equalTo("duplicate"));
        Map<String, Object> numberTitle = new HashMap<>(Fixtures.talk(speaker));
        numberTitle.put("title", 123);
        Fixtures.post(token, path, numberTitle).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title")).body("errors[0].code", equalTo("wrong-type"));
        Map<String, Object> surrogate = new HashMap<>(Fixtures.talk(speaker));
        surrogate.put("title", "PLACEHOLDER");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(mapper.writeValueAsString(surrogate).replace("PLACEHOLDER", "Lone \\ud800 half")).post(path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title")).body("errors[0].code", equalTo("invalid-character"));
        // A body without a Content-Type header at all (RestAssured would add one): 415, not a guess.
        LoopbackClient.Answer untyped = new LoopbackClient("127.0.0.1", io.restassured.RestAssured.port)
                .send("POST", path, Map.of("Authorization", token), talk);
        assertEquals(415, untyped.status(), untyped.body());
        assertTrue(untyped.header("Content-Type").startsWith(PROBLEM), untyped.headers().toString());
        assertTrue(untyped.body().contains("unsupported-media-type"), untyped.body());

        // A fraction for an integer: the event's format durations.
        String event = mapper.writeValueAsString(Fixtures.event(Fixtures.uniqueSlug("api8-strict-new")))
                .replace("\"durationMinutes\":30", "\"durationMinutes\":2.5");
        assertTrue(event.contains("2.5"), event);
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(event).post("/api/events")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.endsWith("durationMinutes"))
                .body("errors[0].code", equalTo("wrong-type"));

        // None of it was taken.
        given().header("Authorization", token).get("/api/me/proposals").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void api8_aNulCharacterIsAFieldErrorInEveryBodyQueryAndPathNeverA500() {
        String slug = Fixtures.createEvent("api8-nul");
        String speaker = "s-" + slug + "@example.com";
        String token = Fixtures.speaker(speaker);
        String organizer = Fixtures.organizer();
        String id = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));

        Map<String, Object> create = new HashMap<>(Fixtures.talk(speaker));
        create.put("title", "Before\u0000after");
        nulRefused(Fixtures.post(token, "/api/events/" + slug + "/proposals", create).extract().response(), "title");
        Map<String, Object> tags = new HashMap<>(Fixtures.talk(speaker));
        tags.put("tags", List.of("ok", "bad\u0000"));
        nulRefused(Fixtures.post(token, "/api/events/" + slug + "/proposals", tags).extract().response(), "tags[1]");
        Map<String, Object> speakerName = new HashMap<>(Fixtures.talk(speaker));
        speakerName.put("speakers", List.of(Map.of("name", "Li\u0000Lei", "email", speaker)));
        nulRefused(Fixtures.post(token, "/api/events/" + slug + "/proposals", speakerName).extract().response(), "speakers[0].name");
        Map<String, Object> update = new HashMap<>(Fixtures.talk(speaker));
        update.put("abstract", "\u0000");
        nulRefused(given().header("Authorization", token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(update).put("/api/proposals/" + id), "abstract");

        Map<String, Object> event = new HashMap<>(Fixtures.event(slug));
        event.put("name", Map.of("en", "OSPOCon\u0000", "zh", "OSPOCon 中国"));
        nulRefused(given().header("Authorization", organizer).contentType(ContentType.JSON).body(event)
                .put("/api/events/" + slug), "name.en");
        Map<String, Object> newEvent = new HashMap<>(Fixtures.event(Fixtures.uniqueSlug("api8-nul-new")));
        newEvent.put("slug", "nul\u0000slug");
        nulRefused(given().header("Authorization", organizer).contentType(ContentType.JSON).body(newEvent)
                .post("/api/events"), "slug");

        for (String parameter : List.of("q", "track", "status", "cursor", "format", "language")) {
            nulRefused(given().header("Authorization", organizer).urlEncodingEnabled(false)
                    .get("/api/events/" + slug + "/proposals?" + parameter + "=a%00b"), parameter);
        }
        nulRefused(given().header("Authorization", organizer).urlEncodingEnabled(false)
                .get("/api/events/" + slug + "/proposals/counts?q=%00"), "q");
        for (String path : List.of("GET /api/events/%00", "GET /api/events/a%00b/proposals", "GET /api/proposals/%00",
                "POST /api/proposals/" + id + "%00/submit", "POST /api/events/%00/proposals")) {
            String[] request = path.split(" ", 2);
            Response answer = given().header("Authorization", organizer).urlEncodingEnabled(false)
                    .contentType(ContentType.JSON).body(Fixtures.talk(speaker)).request(request[0], request[1]);
            assertEquals(400, answer.statusCode(), path + ": " + answer.asString());
            assertTrue(answer.contentType().startsWith(PROBLEM), path + ": " + answer.contentType());
            assertEquals("nul-character", answer.jsonPath().getString("errors[0].code"), path + ": " + answer.asString());
        }
        // Nothing was changed or created by any of it.
        given().header("Authorization", token).get("/api/proposals/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("abstract", equalTo(Fixtures.talk(speaker).get("abstract")));
        given().header("Authorization", token).get("/api/me/proposals").then().statusCode(200).body("size()", equalTo(1));
    }

    private static void nulRefused(Response answer, String field) {
        String body = answer.asString();
        assertEquals(400, answer.statusCode(), field + ": " + body);
        assertTrue(answer.contentType().startsWith(PROBLEM), field + ": " + answer.contentType());
        assertEquals(field, answer.jsonPath().getString("errors[0].field"), body);
        assertEquals("nul-character", answer.jsonPath().getString("errors[0].code"), body);
    }

    // ---- API10: unsafe consumption of APIs ---------------------------------------------------------------

    @Test
    void api10_forgedOrImpossibleDecisionsFromKafkaAreDeadLetteredAndChangeNothing() {
        String slug = Fixtures.createEvent("api10");
        String other = Fixtures.createEvent("api10-other");
        String speaker = "s-" + slug + "@example.com";
        String submitted = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        Map<String, Object> draft = new HashMap<>(Fixtures.talk(speaker));
        draft.put("draft", true);
        String drafted = Fixtures.post(Fixtures.speaker(speaker), "/api/events/" + slug + "/proposals", draft)
                .statusCode(201).extract().path("id");
        String wrongEvent = decide(submitted, other, "dev.lectern.proposal.accepted.v1");
        String impossible = decide(drafted, slug, "dev.lectern.proposal.accepted.v1");
        String unknownType = decide(submitted, slug, "dev.lectern.proposal.crowned.v1");
        // A header without a value once stopped the connector's consumer before this service's code ran: the
        // valid decision after it must still be applied.
        String noType = decide(submitted, slug, null);
        String valid = decide(submitted, slug, "dev.lectern.proposal.waitlisted.v1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Fixtures.speaker(speaker)).get("/api/proposals/" + submitted)
                        .then().statusCode(200).body("status", equalTo("WAITLISTED")));
        given().header("Authorization", Fixtures.speaker(speaker)).get("/api/proposals/" + drafted)
                .then().statusCode(200).body("status", equalTo("DRAFT"));
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(wrongEvent, impossible, unknownType, noType)));
            assertEquals(Set.of(wrongEvent, impossible, unknownType, noType), reasons.keySet(), reasons.toString());
        });
        assertFalse(reasons.containsKey(valid));
        assertTrue(reasons.get(unknownType).contains("crowned"), reasons.toString());
        assertTrue(reasons.get(impossible).contains("DRAFT"), reasons.toString());
    }

    /**
     * Anyone who can produce to cfp.decisions could otherwise accept a proposal: only the configured producers
     * (lectern.kafka.allowed-sources) count, and a decision whose type and data disagree is refused.
     */
    @Test
    void api10_decisionsFromAProducerNotAllowedOrContradictingThemselvesAreDeadLettered() {
        String slug = Fixtures.createEvent("api10-source");
        String speaker = "s-" + slug + "@example.com";
        String submitted = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String foreign = decide(submitted, slug, "dev.lectern.proposal.accepted.v1", "/mallory",
                "{\"proposalId\":\"" + submitted + "\",\"event\":\"" + slug + "\",\"decision\":\"ACCEPTED\"}");
        String contradicting = decide(submitted, slug, "dev.lectern.proposal.accepted.v1", "/lectern/review-service",
                "{\"proposalId\":\"" + submitted + "\",\"event\":\"" + slug + "\",\"decision\":\"REJECTED\"}");
        String valid = decide(submitted, slug, "dev.lectern.proposal.waitlisted.v1", "/lectern/organizer-tooling",
                "{\"proposalId\":\"" + submitted + "\",\"event\":\"" + slug + "\",\"decision\":\"WAITLISTED\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Fixtures.speaker(speaker)).get("/api/proposals/" + submitted)
                        .then().statusCode(200).body("status", equalTo("WAITLISTED")).body("version", equalTo(2)));
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(foreign, contradicting)));
            assertEquals(Set.of(foreign, contradicting), reasons.keySet(), reasons.toString());
        });
        assertFalse(reasons.containsKey(valid));
        assertTrue(reasons.get(foreign).contains("ce_source '/mallory'"), reasons.toString());
        assertTrue(reasons.get(contradicting).contains("contradicts itself"), reasons.toString());
    }

    @Test
    void api10_aDecisionWhoseIdIsTooLongIsDeadLetteredWithAReasonThatQuotesNoSql() {
        String slug = Fixtures.createEvent("api10-long-id");
        String speaker = "s-" + slug + "@example.com";
        String submitted = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        String longId = "x".repeat(201);
        decide(longId, submitted, slug, "dev.lectern.proposal.accepted.v1");
        String valid = decide(submitted, slug, "dev.lectern.proposal.waitlisted.v1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Fixtures.speaker(speaker)).get("/api/proposals/" + submitted)
                        .then().statusCode(200).body("status", equalTo("WAITLISTED")));
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.putAll(deadLetters(Set.of(longId)));
            assertEquals(Set.of(longId), reasons.keySet(), reasons.toString());
        });
        assertFalse(reasons.containsKey(valid));
        String reason = reasons.get(longId);
        assertTrue(reason.contains("ce_id"), reason);
        for (String database : List.of("SQL", "sql", "insert", "INSERT", "varchar", "character varying", "ERROR:",
                "processed_message", "Hibernate", "Exception", "constraint")) {
            assertFalse(reason.contains(database), "'" + database + "' in " + reason);
        }
    }

    // ---- fixtures ----------------------------------------------------------------------------------------

    private static KafkaProducer<String, String> producer;

    /** Publishes a decision on cfp.decisions as review-service does (a null type: a ce_type header without a value); returns the message id. */
    static String decide(String proposalId, String event, String type) {
        return decide(proposalId, event, type, "/lectern/review-service",
                "{\"proposalId\":\"" + proposalId + "\",\"event\":\"" + event + "\"}");
    }

    /** Publishes a decision as {@code source} with the given data; returns the message id. */
    static String decide(String proposalId, String event, String type, String source, String data) {
        return send(UUID.randomUUID().toString(), proposalId, type, source, data);
    }

    /** Publishes a decision with this CloudEvent id, as review-service does; returns it. */
    static String decide(String messageId, String proposalId, String event, String type) {
        return send(messageId, proposalId, type, "/lectern/review-service",
                "{\"proposalId\":\"" + proposalId + "\",\"event\":\"" + event + "\"}");
    }

    private static synchronized String send(String messageId, String proposalId, String type, String source, String data) {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", messageId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type == null ? null : type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>("cfp.decisions", null, proposalId, data, headers)).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return messageId;
    }

    /** Dead letters on cfp.decisions.dlq by CloudEvent id, with their reason. */
    private static Map<String, String> deadLetters(Set<String> messageIds) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "owasp-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cfp.decisions.dlq"));
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline) && !found.keySet().containsAll(messageIds)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    String messageId = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
                    if (messageId != null && messageIds.contains(messageId)) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        found.put(messageId, reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return found;
    }

    static String claims(String issuer, String audience, long iat, long exp, Long nbf) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory@example.com\","
                + "\"iat\":" + iat + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf)
                + ",\"groups\":[\"speaker\",\"organizer\"]}";
    }

    /** Same status, media type and body, once each answer's own id is taken out of it (the instance path). */
    static void sameAnswer(Response forbidden, String forbiddenId, Response unknown, String unknownId) {
        assertEquals(404, unknown.statusCode(), unknown.asString());
        assertEquals(unknown.statusCode(), forbidden.statusCode(), forbidden.asString());
        assertEquals(unknown.contentType(), forbidden.contentType());
        assertEquals(unknown.asString().replace(unknownId, "{id}"), forbidden.asString().replace(forbiddenId, "{id}"));
        assertEquals(unknown.header("ETag"), forbidden.header("ETag"));
    }
}
