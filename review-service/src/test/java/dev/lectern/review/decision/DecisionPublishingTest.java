package dev.lectern.review.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lectern.infra.TestInfrastructure;
import dev.lectern.review.ranking.Criterion;
import dev.lectern.review.ranking.ProposalRef;
import dev.lectern.review.ranking.Ranker;
import dev.lectern.review.ranking.RankingOptions;
import dev.lectern.review.ranking.ReviewScore;
import dev.lectern.review.selection.Outcome;
import dev.lectern.review.selection.Selection;
import dev.lectern.review.selection.SelectionRules;
import dev.lectern.review.selection.Selector;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DecisionPublishingTest {

    static final List<Criterion> CRITERIA = List.of(new Criterion("content", 1, 1, 5));

    @Inject
    DecisionService decisions;

    @Inject
    DecisionPublisher publisher;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** Five proposals in one track best first, 2 places, 1 waitlist place; the last has too few reviews. */
    record Fixture(String slug, List<String> ids, Selection selection) {
    }

    static Fixture fixture(int places) {
        String slug = "decide-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<ProposalRef> proposals = new ArrayList<>();
        List<ReviewScore> reviews = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            proposals.add(new ProposalRef(id, "ospo-experience", "talk", Set.of()));
            int reviewCount = i == 4 ? 1 : 2;
            for (int r = 0; r < reviewCount; r++) {
                reviews.add(new ReviewScore(id, "reviewer-" + r, Map.of("content", 5 - i)));
            }
        }
        var ranking = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults());
        Selection selection = Selector.select(ranking, Map.of(),
                SelectionRules.builder().track("ospo-experience", places).waitlistLength(1).requiredReviews(2).build());
        return new Fixture(slug, ids, selection);
    }

    @Test
    void publishingTwiceSendsEachDecisionOnceAsACloudEvent() throws Exception {
        Fixture fixture = fixture(2);
        assertEquals(List.of(Outcome.ACCEPT, Outcome.ACCEPT, Outcome.WAITLIST, Outcome.REJECT, Outcome.TOO_FEW_REVIEWS),
                fixture.selection().decisions().stream().map(d -> d.outcome()).toList());
        assertEquals(new DecisionService.Stored(4, 0, 0, 0), decisions.store(fixture.slug(), fixture.selection()));

        assertEquals(new DecisionPublisher.Published(4, 0), publisher.publish(fixture.slug()));
        assertEquals(new DecisionPublisher.Published(0, 4), publisher.publish(fixture.slug()));

        List<String> decided = fixture.ids().subList(0, 4);
        Map<String, List<ConsumerRecord<String, String>>> records = consume(Set.copyOf(decided), 4);
        assertEquals(Set.copyOf(decided), records.keySet());
        records.forEach((id, forId) -> assertEquals(1, forId.size(), "messages for " + id));
        assertEquals(4L, outboxRows(decided));
        for (List<ConsumerRecord<String, String>> forId : records.values()) {
            ConsumerRecord<String, String> record = forId.get(0);
            Set<ValidationMessage> errors = schemaFor(header(record, "ce_type")).validate(mapper.readTree(record.value()));
            assertTrue(errors.isEmpty(), errors + " in " + record.value());
        }

        ConsumerRecord<String, String> accepted = records.get(fixture.ids().get(0)).get(0);
        assertEquals("1.0", header(accepted, "ce_specversion"));
        assertEquals("dev.lectern.proposal.accepted.v1", header(accepted, "ce_type"));
        assertEquals("/lectern/review-service", header(accepted, "ce_source"));
        assertEquals(fixture.ids().get(0), header(accepted, "ce_subject"));
        assertEquals("application/json", header(accepted, "content-type"));
        UUID.fromString(header(accepted, "ce_id"));
        Instant.parse(header(accepted, "ce_time"));
        JsonNode data = mapper.readTree(accepted.value());
        assertEquals(fixture.ids().get(0), data.get("proposalId").asText());
        assertEquals(fixture.slug(), data.get("event").asText());
        assertEquals("ACCEPTED", data.get("decision").asText());
        assertEquals(1, data.get("rank").asInt());
        assertTrue(data.get("waitlistPosition").isNull());
        assertEquals(1, data.get("decisionVersion").asLong());
        OffsetDateTime.parse(data.get("decidedAt").asText());

        ConsumerRecord<String, String> waitlisted = records.get(fixture.ids().get(2)).get(0);
        assertEquals("dev.lectern.proposal.waitlisted.v1", header(waitlisted, "ce_type"));
        assertEquals(1, mapper.readTree(waitlisted.value()).get("waitlistPosition").asInt());
        assertEquals("dev.lectern.proposal.rejected.v1", header(records.get(fixture.ids().get(3)).get(0), "ce_type"));

        assertNull(em.find(Decision.class, UUID.fromString(fixture.ids().get(4))), "too few reviews: no decision");
    }

    @Test
    void aChangedDecisionIsPublishedAgainWithTheNextVersionAndNothingElseIs() throws Exception {
        Fixture fixture = fixture(2);
        decisions.store(fixture.slug(), fixture.selection());
        publisher.publish(fixture.slug());

        // One more place: the waitlisted proposal is now accepted, the rejected one moves up to the waitlist.
        Fixture more = new Fixture(fixture.slug(), fixture.ids(), reselect(fixture, 3));
        assertEquals(new DecisionService.Stored(0, 2, 2, 0), decisions.store(fixture.slug(), more.selection()));
        assertEquals(new DecisionPublisher.Published(2, 2), publisher.publish(fixture.slug()));

        String promoted = fixture.ids().get(2);
        Map<String, List<ConsumerRecord<String, String>>> records = consume(Set.copyOf(fixture.ids().subList(0, 4)), 6);
        assertEquals(1, records.get(fixture.ids().get(0)).size());
        List<ConsumerRecord<String, String>> both = records.get(promoted);
        assertEquals(2, both.size());
        assertEquals("dev.lectern.proposal.waitlisted.v1", header(both.get(0), "ce_type"));
        assertEquals("dev.lectern.proposal.accepted.v1", header(both.get(1), "ce_type"));
        assertEquals(2, mapper.readTree(both.get(1).value()).get("decisionVersion").asLong());
    }

    @Test
    void twoOrganizersPublishingAtOnceSendEachDecisionOnce() throws Exception {
        Fixture fixture = fixture(2);
        decisions.store(fixture.slug(), fixture.selection());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DecisionPublisher.Published> first = pool.submit(() -> publisher.publish(fixture.slug()));
            Future<DecisionPublisher.Published> second = pool.submit(() -> publisher.publish(fixture.slug()));
            assertEquals(4, first.get(30, TimeUnit.SECONDS).published() + second.get(30, TimeUnit.SECONDS).published());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4L, outboxRows(fixture.ids()));
    }

    private static Selection reselect(Fixture fixture, int places) {
        List<ProposalRef> proposals = new ArrayList<>();
        List<ReviewScore> reviews = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = fixture.ids().get(i);
            proposals.add(new ProposalRef(id, "ospo-experience", "talk", Set.of()));
            for (int r = 0; r < (i == 4 ? 1 : 2); r++) {
                reviews.add(new ReviewScore(id, "reviewer-" + r, Map.of("content", 5 - i)));
            }
        }
        return Selector.select(Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults()), Map.of(),
                SelectionRules.builder().track("ospo-experience", places).waitlistLength(1).requiredReviews(2).build());
    }

    private long outboxRows(List<String> ids) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox WHERE aggregateid IN (:ids)")
                .setParameter("ids", ids).getSingleResult()).longValue();
    }

    /** The contract in docs/events, shared with submission-service and organizer tooling. */
    static JsonSchema schemaFor(String type) throws IOException {
        String file = type.substring("dev.lectern.".length()) + ".schema.json";
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "docs", "events", file).toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Reads cfp.decisions from the start until {@code expected} messages for the keys arrived, then two more
     * seconds: a duplicate would have had time to follow.
     */
    static Map<String, List<ConsumerRecord<String, String>>> consume(Set<String> keys, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("cfp.decisions"));
            Instant deadline = Instant.now().plusSeconds(30);
            int seen = 0;
            Instant quietUntil = null;
            while (Instant.now().isBefore(quietUntil == null ? deadline : quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                        seen++;
                    }
                }
                if (seen >= expected && quietUntil == null) {
                    quietUntil = Instant.now().plusSeconds(2);
                }
            }
        }
        return byKey;
    }
}
