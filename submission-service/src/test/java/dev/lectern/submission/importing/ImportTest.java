package dev.lectern.submission.importing;

import dev.lectern.infra.TestInfrastructure;
import dev.lectern.submission.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ImportTest {

    static final String HEADER = "externalId,title,abstract,format,track,language,tags,"
            + "speaker1_name,speaker1_email,speaker1_affiliation,speaker1_bio,"
            + "speaker2_name,speaker2_email,speaker2_affiliation,speaker2_bio,notes,,\r\n";

    /** As a spreadsheet exports it: BOM, CRLF, quoted commas, quotes and line breaks, Chinese, empty trailing columns. */
    static final String SPREADSHEET = "\uFEFF" + HEADER
            + "ospo-1,开源合规实践：从零到一,\"我们如何建立 OSPO, 以及\"\"合规\"\"的意义。\r\n第二段。\",talk,compliance-legal,zh,合规;compliance,"
            + "李雷,lilei@example.com,\"示例科技有限公司, 上海\",,,,,,,,\r\n"
            + "ospo-2,Debating licences,\"Two views, one stage\",debate,ospo-experience,en,licensing; debate ,"
            + "Ann Lee,ann@example.com,,,Bob Wu,bob@example.com,Acme,\"Bob says \"\"hi\"\"\",bring a timer,,\r\n"
            + "ospo-3,Inner source at scale,Short abstract,talk,ospo-experience,en,,Carol,carol@example.com,,,,,,,,,\r\n";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void csvAsSpreadsheetsExportItIsImportedWithPhysicalLineNumbers() {
        String slug = event();
        JsonPath report = importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("COMPLETED", report.getString("status"));
        assertEquals(Map.of("created", 3, "updated", 0, "unchanged", 0, "rejected", 0, "skipped", 0), report.getMap("counts"));
        assertEquals(List.of(2, 4, 5), report.getList("records.line"), "a record starts on the physical line it begins");
        assertEquals(List.of("ospo-1", "ospo-2", "ospo-3"), report.getList("records.externalId"));

        JsonPath first = proposal(report.getString("records[0].proposalId"));
        assertEquals("开源合规实践：从零到一", first.getString("title"));
        assertEquals("我们如何建立 OSPO, 以及\"合规\"的意义。\n第二段。", first.getString("abstract"));
        assertEquals(List.of("合规", "compliance"), first.getList("tags"));
        assertEquals("示例科技有限公司, 上海", first.getString("speakers[0].affiliation"));
        assertEquals("SUBMITTED", first.getString("status"));
        assertEquals("ospo-1", first.getString("externalId"));
        JsonPath second = proposal(report.getString("records[1].proposalId"));
        assertEquals(List.of("licensing", "debate"), second.getList("tags"));
        assertEquals("Bob says \"hi\"", second.getString("speakers[1].bio"));

        // The speakers, not the importing organizer, can read their proposal.
        given().header("Authorization", Fixtures.speaker("lilei@example.com"))
                .when().get("/api/proposals/" + report.getString("records[0].proposalId"))
                .then().statusCode(200);
    }

    @Test
    void jsonArrayIsImportedWithIndexPlusOneAsLine() {
        String slug = event();
        String body = "[" + json("j-1", "talk", "lilei@example.com") + ",\n" + json("j-2", "talk", "ann@example.com") + "]";
        JsonPath report = importBody(slug, body.getBytes(StandardCharsets.UTF_8), "application/json", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(2, report.getInt("counts.created"));
        assertEquals(List.of(1, 2), report.getList("records.line"));
    }

    @Test
    void ndjsonIsImportedWithLineNumbersAndABadLineDoesNotStopTheRest() {
        String slug = event();
        String body = json("n-1", "talk", "lilei@example.com") + "\n\n{not json\n" + json("n-2", "talk", "ann@example.com") + "\n";
        JsonPath report = importBody(slug, body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(2, report.getInt("counts.created"));
        assertEquals(1, report.getInt("counts.rejected"));
        assertEquals(List.of(1, 3, 4), report.getList("records.line"));
        assertEquals("invalid-json", report.getString("records[1].errors[0].code"));
    }

    @Test
    void reimportingTheSameFileChangesNothingAndPublishesNothing() {
        String slug = event();
        JsonPath first = importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        List<String> ids = first.getList("records.proposalId");
        long outboxRows = outboxRows(ids);
        assertEquals(3, outboxRows);

        JsonPath second = importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 3, "rejected", 0, "skipped", 0), second.getMap("counts"));
        assertEquals(ids, second.getList("records.proposalId"));
        assertEquals(outboxRows, outboxRows(ids), "an unchanged record appends nothing to the outbox");
        assertEquals(3, kafkaMessages(Set.copyOf(ids)), "one message per proposal on cfp.proposals, none from the second run");
    }

    @Test
    void aChangedRecordIsUpdatedWithANewVersionAndOneEvent() {
        String slug = event();
        JsonPath first = importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        List<String> ids = first.getList("records.proposalId");
        String changed = SPREADSHEET.replace("Inner source at scale", "Inner source at a larger scale");
        JsonPath second = importBody(slug, changed.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(List.of("unchanged", "unchanged", "updated"), second.getList("records.outcome"));
        JsonPath updated = proposal(ids.get(2));
        assertEquals(2, updated.getInt("version"));
        assertEquals("Inner source at a larger scale", updated.getString("title"));
        assertEquals(4, outboxRows(ids));
        // What the dropped foreign key guarded (V6), by behaviour: each speaker of each proposal may act on it, once,
        // after the update as after the create, and no access row names a proposal that is not stored.
        assertEquals(List.of(1L, 2L, 1L), ids.stream()
                .map(id -> count("SELECT count(*) FROM proposal_speaker_access WHERE proposal_id = '" + id + "'")).toList());
        assertEquals(1, count("SELECT count(*) FROM proposal_speaker_access WHERE proposal_id = '" + ids.get(2)
                + "' AND principal = 'carol@example.com'"));
        assertEquals(0, count("SELECT count(*) FROM proposal_speaker_access a "
                + "WHERE NOT EXISTS (SELECT 1 FROM proposal p WHERE p.id = a.proposal_id)"));
    }

    @Test
    void badRowsAreRejectedWithTheSubmitApisFieldErrorsAndGoodRowsAreWritten() {
        String slug = event();
        String csv = HEADER
                + "ok-1,Fine talk,Abstract,talk,compliance-legal,en,,A,a@example.com,,,,,,,,,\r\n"
                + "bad-email,Talk,Abstract,talk,compliance-legal,en,,B,not-an-email,,,,,,,,,\r\n"
                + "bad-track,Talk,Abstract,talk,no-such-track,en,,C,c@example.com,,,,,,,,,\r\n"
                + ",No external id,Abstract,talk,compliance-legal,en,,D,d@example.com,,,,,,,,,\r\n"
                + "one-debater,Debate,Abstract,debate,compliance-legal,en,,E,e@example.com,,,,,,,,,\r\n"
                + "ok-2,Another fine talk,Abstract,talk,compliance-legal,zh,,F,f@example.com,,,,,,,,,\r\n";
        JsonPath report = importBody(slug, csv.getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(Map.of("created", 2, "updated", 0, "unchanged", 0, "rejected", 4, "skipped", 0), report.getMap("counts"));
        assertEquals(List.of("created", "rejected", "rejected", "rejected", "rejected", "created"), report.getList("records.outcome"));

        assertEquals(submitErrors(slug, "talk", "compliance-legal", "not-an-email"), errors(report, 1));
        assertEquals(submitErrors(slug, "talk", "no-such-track", "c@example.com"), errors(report, 2));
        assertEquals(List.of("externalId:required"), errors(report, 3));
        assertEquals(submitErrors(slug, "debate", "compliance-legal", "e@example.com"), errors(report, 4));
        assertEquals("this format needs between 2 and 2 speakers", report.getString("records[4].errors[0].message"));
    }

    @Test
    void dryRunValidatesEverythingAndWritesNothing() {
        String slug = event();
        String csv = SPREADSHEET + "bad,Talk,Abstract,talk,no-such-track,en,,C,c@example.com,,,,,,,,,\r\n";
        long jobsBefore = count("SELECT count(*) FROM import_job");
        JsonPath report = importBody(slug, csv.getBytes(StandardCharsets.UTF_8), "text/csv", "?dryRun=true")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("dryRun"));
        assertEquals(Map.of("created", 3, "updated", 0, "unchanged", 0, "rejected", 1, "skipped", 0), report.getMap("counts"));
        assertEquals(0, proposalsOf(slug));
        assertEquals(jobsBefore, count("SELECT count(*) FROM import_job"), "a dry run stores no job either");
    }

    @Test
    void allOrNothingWritesNothingWhenARecordIsRejected() {
        String slug = event();
        String csv = SPREADSHEET + "bad,Talk,Abstract,talk,no-such-track,en,,C,c@example.com,,,,,,,,,\r\n";
        JsonPath report = importBody(slug, csv.getBytes(StandardCharsets.UTF_8), "text/csv", "?mode=all-or-nothing")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("FAILED", report.getString("status"));
        assertEquals("import-rolled-back", report.getString("error.code"));
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 0, "rejected", 1, "skipped", 3), report.getMap("counts"));
        assertEquals(List.of("skipped", "skipped", "skipped", "rejected"), report.getList("records.outcome"));
        assertEquals(0, proposalsOf(slug));
        // The stored report says the same: the records written before the rollback are skipped, and none
        // keeps the id of a proposal that no longer exists.
        given().header("Authorization", Fixtures.organizer()).when().get(report.getString("recordsUrl"))
                .then().statusCode(200)
                .body("records.outcome", equalTo(List.of("skipped", "skipped", "skipped", "rejected")))
                .body("records.proposalId", everyItem(nullValue()))
                .body("records[3].errors[0].code", equalTo("unknown-track"));

        JsonPath fixed = importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "?mode=all-or-nothing")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("COMPLETED", fixed.getString("status"));
        assertEquals(3, fixed.getInt("counts.created"));
        assertEquals(3, proposalsOf(slug));
    }

    @Test
    void gb18030WithoutACharsetIsAClearErrorAndNothingIsGarbled() {
        String slug = event();
        byte[] gb = SPREADSHEET.substring(1).getBytes(Charset.forName("GB18030"));
        given().header("Authorization", Fixtures.organizer()).header("Accept-Language", "en")
                .contentType("text/csv").body(gb)
                .when().post("/api/events/" + slug + "/imports")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("import-encoding"))
                .body("detail", org.hamcrest.Matchers.containsString("charset=GB18030"));
        assertEquals(0, proposalsOf(slug));
    }

    @Test
    void gb18030IsConvertedWhenTheCallerNamesTheCharset() {
        String slug = event();
        byte[] gb = SPREADSHEET.substring(1).getBytes(Charset.forName("GB18030"));
        JsonPath report = importBody(slug, gb, "text/csv; charset=GB18030", "").then().statusCode(201).extract().jsonPath();
        assertEquals(3, report.getInt("counts.created"));
        assertEquals("开源合规实践：从零到一", proposal(report.getString("records[0].proposalId")).getString("title"));

        JsonPath again = importBody(slug, gb, "text/csv", "?charset=gb18030").then().statusCode(201).extract().jsonPath();
        assertEquals(3, again.getInt("counts.unchanged"), "the same text, read through ?charset=, is unchanged");
    }

    @Test
    void anUnknownCharsetOrColumnIsRefused() {
        String slug = event();
        importBody(slug, SPREADSHEET.getBytes(StandardCharsets.UTF_8), "text/csv", "?charset=klingon")
                .then().statusCode(415).body("code", equalTo("unsupported-charset"));
        importBody(slug, "externalId,title,colour\r\nx,y,red\r\n".getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(400).body("code", equalTo("import-unknown-column"));
    }

    @Test
    void historyIsMigratedWithStatusesOutsideTheCfpWindow() {
        String slug = Fixtures.uniqueSlug("import-closed");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        createEvent(Fixtures.event(slug, now.minusDays(60), now.minusDays(30)));
        String body = json("h-1", "talk", "lilei@example.com").replaceFirst("\\{", "{\"status\":\"ACCEPTED\",") + "\n"
                + json("h-2", "talk", "ann@example.com").replaceFirst("\\{", "{\"status\":\"declined\",") + "\n"
                + json("h-3", "talk", "bob@example.com").replaceFirst("\\{", "{\"status\":\"PUBLISHED\",") + "\n";
        JsonPath report = importBody(slug, body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(List.of("created", "created", "rejected"), report.getList("records.outcome"));
        assertEquals("ACCEPTED", proposal(report.getString("records[0].proposalId")).getString("status"));
        assertEquals("DECLINED", proposal(report.getString("records[1].proposalId")).getString("status"));
        assertEquals("status", report.getString("records[2].errors[0].field"));
    }

    /** The test profile imports 100 records per batch and answers inline with up to 100 records. */
    @Test
    void progressAndTheFullReportCanBeFetchedAgainAndLargeReportsListRejectedRecordsInline() {
        String slug = event();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 250; i++) {
            String track = i % 100 == 0 ? "no-such-track" : "compliance-legal";
            csv.append("big-").append(i).append(",Talk ").append(i).append(",Abstract,talk,").append(track)
                    .append(",en,,Speaker,s").append(i).append("@example.com,,,,,,,,,\r\n");
        }
        JsonPath report = importBody(slug, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(248, report.getInt("counts.created"));
        assertEquals(2, report.getInt("counts.rejected"));
        assertTrue(report.getBoolean("recordsTruncated"));
        assertEquals(List.of(101, 201), report.getList("records.line"), "inline: the rejected records only");

        String url = report.getString("recordsUrl");
        JsonPath page = given().header("Authorization", Fixtures.organizer()).queryParam("limit", 100).when().get(url)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("counts.created", equalTo(248))
                .body("records", hasSize(100)).extract().jsonPath();
        JsonPath second = given().header("Authorization", Fixtures.organizer()).queryParam("limit", 100)
                .queryParam("after", page.getString("next")).when().get(url)
                .then().statusCode(200).body("records", hasSize(100)).extract().jsonPath();
        JsonPath last = given().header("Authorization", Fixtures.organizer()).queryParam("limit", 100)
                .queryParam("after", second.getString("next")).when().get(url)
                .then().statusCode(200).body("records", hasSize(50)).body("next", nullValue()).extract().jsonPath();
        assertEquals(251, last.getInt("records[49].line"));
        // Pages that do not line up with the batches of 100: every record once, in file order.
        List<Integer> lines = new java.util.ArrayList<>();
        String after = null;
        do {
            var request = given().header("Authorization", Fixtures.organizer()).queryParam("limit", 70);
            JsonPath odd = (after == null ? request : request.queryParam("after", after)).when().get(url)
                    .then().statusCode(200).extract().jsonPath();
            lines.addAll(odd.getList("records.line", Integer.class));
            after = odd.getString("next");
        } while (after != null);
        assertEquals(java.util.stream.IntStream.rangeClosed(2, 251).boxed().toList(), lines);
        given().header("Authorization", Fixtures.organizer()).queryParam("outcome", "rejected").when().get(url)
                .then().statusCode(200).body("records.externalId", equalTo(List.of("big-100", "big-200")))
                .body("records[0].errors[0].code", equalTo("unknown-track"));
        given().header("Authorization", Fixtures.organizer()).when().get("/api/events/" + slug + "/imports")
                .then().statusCode(200).body("[0].id", equalTo(report.getString("id")))
                .body("[0].counts.rejected", equalTo(2));
        given().header("Authorization", Fixtures.speaker("s1@example.com")).when().get(url).then().statusCode(403);
    }

    @Test
    void ndjsonAnswerStreamsRecordsThenASummary() {
        String slug = event();
        String answer = given().header("Authorization", Fixtures.organizer()).accept("application/x-ndjson")
                .contentType("text/csv").body(SPREADSHEET.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/events/" + slug + "/imports")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        String[] lines = answer.split("\n");
        assertEquals(4, lines.length, answer);
        assertTrue(lines[0].contains("\"kind\":\"record\"") && lines[0].contains("\"line\":2"), lines[0]);
        assertTrue(lines[3].contains("\"kind\":\"summary\"") && lines[3].contains("\"created\":3"), lines[3]);
    }

    @Test
    void theDocumentedSampleFilesImportCleanly() throws java.io.IOException {
        java.nio.file.Path examples = java.nio.file.Path.of("..", "docs", "examples");
        Map<String, String> types = Map.of("proposals.csv", "text/csv", "proposals.json", "application/json",
                "proposals.ndjson", "application/x-ndjson");
        for (Map.Entry<String, String> file : types.entrySet()) {
            String slug = event();
            byte[] body = java.nio.file.Files.readAllBytes(examples.resolve(file.getKey()));
            JsonPath report = importBody(slug, body, file.getValue(), "").then().statusCode(201).extract().jsonPath();
            assertEquals(Map.of("created", 3, "updated", 0, "unchanged", 0, "rejected", 0, "skipped", 0),
                    report.getMap("counts"), file.getKey() + ": " + report.prettify());
        }
    }

    @Test
    void onlyTheEventsOrganizersMayImport() {
        String slug = event();
        byte[] csv = SPREADSHEET.getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", Fixtures.speaker("lilei@example.com")).contentType("text/csv").body(csv)
                .when().post("/api/events/" + slug + "/imports").then().statusCode(403);
        given().header("Authorization", Fixtures.bearer("other@lectern.test", "organizer:another-event")).contentType("text/csv")
                .body(csv).when().post("/api/events/" + slug + "/imports").then().statusCode(403);
        given().contentType("text/csv").body(csv).when().post("/api/events/" + slug + "/imports").then().statusCode(401);
        given().header("Authorization", Fixtures.bearer("scoped@lectern.test", "organizer:" + slug)).contentType("text/csv")
                .body(csv).when().post("/api/events/" + slug + "/imports").then().statusCode(201);
        assertEquals(3, proposalsOf(slug));
    }

    @Test
    void otherEndpointsKeepTheSmallBodyLimit() {
        String slug = event();
        Map<String, Object> talk = new HashMap<>(Fixtures.talk("lilei@example.com"));
        talk.put("description", "x".repeat(2 * 1024 * 1024));
        given().header("Authorization", Fixtures.speaker("lilei@example.com")).contentType(ContentType.JSON).body(talk)
                .when().post("/api/events/" + slug + "/proposals").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("payload-too-large"));
    }

    // ---- helpers ----

    /** Sends bodies exactly as given: RestAssured would otherwise declare text/csv as ISO-8859-1. */
    static RequestSpecification given() {
        return RestAssured.given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    static String event() {
        String slug = Fixtures.uniqueSlug("import");
        createEvent(Fixtures.event(slug));
        return slug;
    }

    static void createEvent(Map<String, Object> event) {
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(event)
                .when().post("/api/events").then().statusCode(201);
    }

    static Response importBody(String slug, byte[] body, String contentType, String query) {
        return given().header("Authorization", Fixtures.organizer()).header("Accept-Language", "en")
                .contentType(contentType).body(body)
                .when().post("/api/events/" + slug + "/imports" + query);
    }

    static String json(String externalId, String format, String email) {
        return "{\"externalId\":\"" + externalId + "\",\"title\":\"Talk " + externalId + "\",\"abstract\":\"About it\","
                + "\"format\":\"" + format + "\",\"track\":\"compliance-legal\",\"language\":\"en\",\"tags\":[\"a\"],"
                + "\"speakers\":[{\"name\":\"Speaker\",\"email\":\"" + email + "\"}]}";
    }

    static JsonPath proposal(String id) {
        return given().header("Authorization", Fixtures.organizer()).when().get("/api/proposals/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** What the submit API says about the same proposal, as field:code pairs. */
    static List<String> submitErrors(String slug, String format, String track, String email) {
        Map<String, Object> body = Map.of("title", "Talk", "abstract", "Abstract", "format", format, "track", track,
                "language", "en", "speakers", List.of(Map.of("name", "X", "email", email)));
        // Submitted by the speaker it names: a submitter must be one of the speakers.
        JsonPath problem = given().header("Authorization", Fixtures.speaker(email))
                .header("Accept-Language", "en").contentType(ContentType.JSON).body(body)
                .when().post("/api/events/" + slug + "/proposals").then().statusCode(400).extract().jsonPath();
        return pairs(problem, "errors");
    }

    static List<String> errors(JsonPath report, int record) {
        return pairs(report, "records[" + record + "].errors");
    }

    static List<String> pairs(JsonPath json, String path) {
        List<Map<String, String>> errors = json.getList(path);
        return errors.stream().map(error -> error.get("field") + ":" + error.get("code")).toList();
    }

    long proposalsOf(String slug) {
        return count("SELECT count(*) FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '" + slug + "'");
    }

    long outboxRows(List<String> proposalIds) {
        return count("SELECT count(*) FROM outbox WHERE aggregateid IN ('" + String.join("','", proposalIds) + "')");
    }

    long count(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages on cfp.proposals keyed by these ids, read to the end once the outbox is drained. */
    long kafkaMessages(Set<String> keys) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM outbox_pending") > 0 && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertFalse(Instant.now().isAfter(deadline), "the outbox relay did not drain");
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "import-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("cfp.proposals").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long found = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
