package dev.lectern.submission;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Optimistic locking with ETag/If-Match, Idempotency-Key on POST, and submissions written together. */
@QuarkusTest
class ConcurrencyAndRetryTest {

    private static final String SPEAKER = "concurrent@example.com";

    private String slug;

    @BeforeEach
    void event() {
        slug = Fixtures.createEvent("conc");
    }

    private static Response put(String id, String ifMatch, Map<String, Object> body) {
        var request = given().header("Authorization", Fixtures.speaker(SPEAKER)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/proposals/" + id).andReturn();
    }

    private static Map<String, Object> titled(String title) {
        Map<String, Object> body = new HashMap<>(Fixtures.talk(SPEAKER));
        body.put("title", title);
        return body;
    }

    @Test
    void twoClientsWithTheSameVersionOneGets412() throws Exception {
        String id = Fixtures.submit(slug, SPEAKER, Fixtures.talk(SPEAKER));
        String etag = given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + id)
                .then().statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", etag);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = pool.invokeAll(List.<Callable<Response>>of(
                    () -> put(id, etag, titled("来自客户端甲的修改")),
                    () -> put(id, etag, titled("来自客户端乙的修改"))));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Response> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
            statuses.sort(Integer::compareTo);
            assertEquals(List.of(200, 412), statuses);
            Response loser = answers.get(0).get().statusCode() == 412 ? answers.get(0).get() : answers.get(1).get();
            assertEquals("application/problem+json", loser.contentType());
            assertEquals("precondition-failed", loser.path("code"));
        } finally {
            pool.shutdown();
        }
        given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + id)
                .then().statusCode(200).body("version", equalTo(2)).header("ETag", equalTo("\"2\""));
    }

    @Test
    void staleIfMatchGets412NamingTheCurrentVersion() {
        String id = Fixtures.submit(slug, SPEAKER, Fixtures.talk(SPEAKER));
        assertEquals(200, put(id, "\"1\"", titled("first")).statusCode());
        put(id, "\"1\"", titled("second")).then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("2"));
        put(id, "W/\"2\"", titled("third")).then().statusCode(200).body("title", equalTo("third"))
                .header("ETag", equalTo("\"3\""));
    }

    @Test
    void updateWithoutIfMatchGets428() {
        String id = Fixtures.submit(slug, SPEAKER, Fixtures.talk(SPEAKER));
        put(id, null, titled("blind write")).then().statusCode(428).contentType("application/problem+json")
                .body("code", equalTo("precondition-required"));
        given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Accept-Language", "zh")
                .contentType(ContentType.JSON).body(titled("blind write"))
                .when().put("/api/proposals/" + id).then().statusCode(428).body("title", equalTo("缺少 If-Match"));
    }

    private Response postWithKey(String token, String key, Map<String, Object> body) {
        return given().header("Authorization", token).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/events/" + slug + "/proposals").andReturn();
    }

    @Test
    void retryWithTheSameIdempotencyKeyGetsTheSameProposal() {
        String key = UUID.randomUUID().toString();
        Response first = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER));
        Response retry = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER));
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.<String>path("id"), retry.path("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        given().header("Authorization", Fixtures.organizer()).when().get("/api/events/" + slug + "/proposals/counts")
                .then().body("total", equalTo(1));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneProposal() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Response> attempt = () -> postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER));
            List<Future<Response>> answers = pool.invokeAll(List.of(attempt, attempt, attempt));
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<Response> answer : answers) {
                assertEquals(201, answer.get().statusCode());
                ids.add(answer.get().path("id"));
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdown();
        }
        given().header("Authorization", Fixtures.organizer()).when().get("/api/events/" + slug + "/proposals/counts")
                .then().body("total", equalTo(1));
    }

    /*
     * Submissions arriving together share a transaction (NewProposals): each still gets its own proposal, with its
     * own content, its speaker's access and exactly one event.
     */
    @Test
    void concurrentSubmissionsAreEachWrittenOnceWithTheirEvent() throws Exception {
        int clients = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<String, String> titles = new HashMap<>();
        try {
            List<Callable<Response>> submissions = IntStream.range(0, clients)
                    .mapToObj(i -> (Callable<Response>) () -> given().header("Authorization", Fixtures.speaker(SPEAKER))
                            .contentType(ContentType.JSON).body(titled("同时投稿 / Submitted together #" + i))
                            .when().post("/api/events/" + slug + "/proposals").andReturn())
                    .toList();
            for (Future<Response> answer : pool.invokeAll(submissions)) {
                Response response = answer.get();
                assertEquals(201, response.statusCode(), response.asString());
                titles.put(response.path("id"), response.path("title"));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(clients, titles.size(), "one proposal per submission");
        assertEquals(clients, new HashSet<>(titles.values()).size());
        for (Map.Entry<String, String> proposal : titles.entrySet()) {
            given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + proposal.getKey())
                    .then().statusCode(200).body("title", equalTo(proposal.getValue()));
        }
        given().header("Authorization", Fixtures.organizer()).when().get("/api/events/" + slug + "/proposals/counts")
                .then().body("total", equalTo(clients));
        String ids = "'" + String.join("','", titles.keySet()) + "'";
        assertEquals(clients, count("SELECT count(*) FROM outbox WHERE type = 'dev.lectern.proposal.submitted.v1' "
                + "AND aggregateid IN (" + ids + ")"), "one event per proposal");
        assertEquals(clients, count("SELECT count(DISTINCT aggregateid) FROM outbox WHERE aggregateid IN (" + ids + ")"));
    }

    @Inject
    AgroalDataSource dataSource;

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyGets422() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER)).statusCode());
        postWithKey(Fixtures.speaker(SPEAKER), key, titled("另一个议题")).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("idempotency-key-reused"));
        given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Idempotency-Key", key)
                .header("Accept-Language", "zh").contentType(ContentType.JSON).body(titled("另一个议题"))
                .when().post("/api/events/" + slug + "/proposals")
                .then().statusCode(422).body("title", equalTo("Idempotency-Key 已被另一请求使用"));
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String mine = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER)).path("id");
        String other = "other-" + SPEAKER;
        Response theirs = postWithKey(Fixtures.speaker(other), key, Fixtures.talk(other));
        assertEquals(201, theirs.statusCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(mine, theirs.path("id"));
    }

    @Test
    void theSameIdempotencyKeySentToAnotherEventCreatesThatEventsProposal() {
        String key = UUID.randomUUID().toString();
        String other = Fixtures.createEvent("conc-other");
        Response here = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER));
        Response there = given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Fixtures.talk(SPEAKER))
                .when().post("/api/events/" + other + "/proposals").andReturn();
        assertEquals(201, here.statusCode());
        assertEquals(201, there.statusCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(here.<String>path("id"), there.path("id"));
        org.junit.jupiter.api.Assertions.assertNull(there.header("Idempotent-Replayed"));
        given().header("Authorization", Fixtures.organizer()).when().get("/api/events/" + other + "/proposals/counts")
                .then().body("total", equalTo(1));
    }

    @Inject
    dev.lectern.submission.proposal.IdempotencyKeyPurge purge;

    @Test
    void anExpiredIdempotencyKeyIsANewRequestAndIsPurged() throws SQLException {
        String key = UUID.randomUUID().toString();
        String first = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER)).path("id");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ?")) {
            age.setString(1, key);
            assertEquals(1, age.executeUpdate());
        }
        Response later = postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER));
        assertEquals(201, later.statusCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(first, later.path("id"), "the key expired after 24 h");
        assertEquals(later.<String>path("id"), postWithKey(Fixtures.speaker(SPEAKER), key, Fixtures.talk(SPEAKER))
                .path("id"), "and now stands for the new proposal");

        String old = UUID.randomUUID().toString();
        postWithKey(Fixtures.speaker(SPEAKER), old, Fixtures.talk(SPEAKER)).then().statusCode(201);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ?")) {
            age.setString(1, old);
            age.executeUpdate();
        }
        org.junit.jupiter.api.Assertions.assertTrue(purge.purge() >= 1);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM idempotency_key WHERE key IN (?, ?)")) {
            count.setString(1, old);
            count.setString(2, key);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the expired key is gone, the live one stays");
            }
        }
    }
}
