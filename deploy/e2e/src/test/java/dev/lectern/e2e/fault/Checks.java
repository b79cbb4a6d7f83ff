package dev.lectern.e2e.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.e2e.Stack;
import dev.lectern.e2e.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the system holds after the run, compared with what the clients were told and with itself. The
 * databases are read over JDBC where the API does not show what is needed (outboxes, processed messages).
 */
final class Checks {

    /** A count that must be zero, or a figure for the report. */
    record Count(String what, long value, boolean mustBeZero) {
    }

    private final Stack stack;
    private final Ledger ledger;
    private final MalformedBurst malformed;

    Checks(Stack stack, Ledger ledger, MalformedBurst malformed) {
        this.stack = stack;
        this.ledger = ledger;
        this.malformed = malformed;
    }

    /** Quiet and consistent: both outboxes sent, every consumer group caught up, review-service at every proposal's version. */
    boolean settled() throws Exception {
        return unsent("submission") == 0 && unsent("review") == 0
                && lag("review-service", List.of("cfp.events", "cfp.proposals")) == 0
                && lag("submission-service", List.of("cfp.decisions")) == 0
                && projectionDifferences().values().stream().allMatch(v -> v == 0);
    }

    List<Count> run() throws Exception {
        List<Count> counts = new ArrayList<>();
        Map<String, Stored> stored = submissionProposals();
        counts.addAll(acknowledgedWrites(stored));
        projectionDifferences().forEach((what, value) -> counts.add(new Count(what, value, true)));
        counts.addAll(appliedTwice(stored));
        counts.addAll(order(stored));
        counts.addAll(malformedMessages());
        return counts;
    }

    record Stored(String id, String event, long version, String status, String title, String track) {
    }

    private Map<String, Stored> submissionProposals() throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (Connection c = stack.database("submission");
             PreparedStatement s = c.prepareStatement("SELECT p.id, e.slug, p.version, p.status, p.title, p.track "
                     + "FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = ANY(?)")) {
            s.setArray(1, c.createArrayOf("varchar", ledger.events.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return stored;
    }

    private List<Count> acknowledgedWrites(Map<String, Stored> stored) throws SQLException {
        // The newest answer per proposal: the store must hold at least that version, and exactly what it said at it.
        Map<String, Ledger.ProposalAck> newest = new HashMap<>();
        for (Ledger.ProposalAck ack : ledger.acks()) {
            newest.merge(ack.id(), ack, (a, b) -> a.version() >= b.version() ? a : b);
        }
        long lostProposalWrites = 0;
        for (Ledger.ProposalAck ack : newest.values()) {
            Stored s = stored.get(ack.id());
            if (s == null || s.version() < ack.version()
                    || s.version() == ack.version() && (!s.status().equals(ack.status()) || !s.title().equals(ack.title()))) {
                lostProposalWrites++;
                System.err.println("LOST: acknowledged " + ack + ", stored " + s);
            }
        }
        long lostEvents = 0;
        try (Connection c = stack.database("submission");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM event WHERE slug = ANY(?)")) {
            s.setArray(1, c.createArrayOf("varchar", ledger.events.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                lostEvents = ledger.events.size() - rs.getLong(1);
            }
        }
        Map<String, JsonNode> reviews = storedReviews();
        long lostReviews = 0;
        for (Ledger.ReviewAck ack : ledger.reviewAcks) {
            JsonNode scores = reviews.get(ack.proposalId() + "/" + ack.reviewer());
            if (scores == null || !scores.equals(Client.JSON.valueToTree(ack.scores()))) {
                lostReviews++;
                System.err.println("LOST: acknowledged review " + ack + ", stored " + scores);
            }
        }
        // Proposals created that no answer gave out: a retried create that made a second proposal.
        Set<String> given = new HashSet<>();
        ledger.idsByKey.values().forEach(given::addAll);
        long unacknowledgedCreates = stored.keySet().stream().filter(id -> !given.contains(id)).count();
        long keysWithTwoProposals = ledger.idsByKey.values().stream().filter(ids -> ids.size() > 1).count();
        long wrongFinalStatus = ledger.expectedStatus.entrySet().stream()
                .filter(e -> stored.get(e.getKey()) == null || !e.getValue().equals(stored.get(e.getKey()).status()))
                .peek(e -> System.err.println("WRONG STATUS: " + e + ", stored " + stored.get(e.getKey())))
                .count();
        long acknowledged = ledger.proposalAcks.size() + ledger.reviewAcks.size() + ledger.events.size();
        return List.of(
                new Count("acknowledged writes (2xx seen by clients)", acknowledged, false),
                new Count("acknowledged proposal writes lost (stored version older, or different at the acked version)", lostProposalWrites, true),
                new Count("acknowledged reviews lost", lostReviews, true),
                new Count("acknowledged events lost", lostEvents, true),
                new Count("proposals created twice (no ack gave out the id, or one key gave two ids)", unacknowledgedCreates + keysWithTwoProposals, true),
                new Count("proposals not in the status their round led to", wrongFinalStatus, true));
    }

    private Map<String, JsonNode> storedReviews() throws SQLException {
        Map<String, JsonNode> reviews = new HashMap<>();
        try (Connection c = stack.database("review");
             PreparedStatement s = c.prepareStatement("SELECT r.proposal_id, v.subject, r.scores::text FROM review r "
                     + "JOIN reviewer v ON v.id = r.reviewer_id WHERE r.event_slug = ANY(?)")) {
            s.setArray(1, c.createArrayOf("varchar", ledger.events.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JsonNode previous = reviews.put(rs.getString(1) + "/" + rs.getString(2), readTree(rs.getString(3)));
                    if (previous != null) {
                        throw new IllegalStateException("two reviews by one reviewer of one proposal: " + rs.getString(1));
                    }
                }
            }
        }
        return reviews;
    }

    /** Proposals in submission-service against review-service's store. */
    Map<String, Long> projectionDifferences() throws SQLException {
        Map<String, Stored> stored = submissionProposals();
        Map<String, long[]> held = new HashMap<>();
        Map<String, String> heldStatus = new HashMap<>();
        try (Connection c = stack.database("review");
             PreparedStatement s = c.prepareStatement("SELECT c.id, c.version, i.version, c.status FROM proposal_content c "
                     + "LEFT JOIN proposal_identity i ON i.proposal_id = c.id WHERE c.event_slug = ANY(?)")) {
            s.setArray(1, c.createArrayOf("varchar", ledger.events.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    heldStatus.put(rs.getString(1), rs.getString(4));
                }
            }
        }
        long missing = 0;
        long stale = 0;
        for (Stored s : stored.values()) {
            long[] versions = held.get(s.id());
            if (versions == null) {
                missing++;
            } else if (versions[0] != s.version() || versions[1] != s.version() || !s.status().equals(heldStatus.get(s.id()))) {
                stale++;
            }
        }
        long unknown = held.keySet().stream().filter(id -> !stored.containsKey(id)).count();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("proposals missing from review-service's store", missing);
        counts.put("proposals stale in review-service's store (not at submission-service's version and status)", stale);
        counts.put("proposals in review-service's store that submission-service does not have", unknown);
        return counts;
    }

    private List<Count> appliedTwice(Map<String, Stored> stored) throws SQLException {
        // Reviews: the store may hold only reviews that were acknowledged, one per reviewer and proposal.
        Set<String> acked = ledger.reviewAcks.stream().map(a -> a.proposalId() + "/" + a.reviewer()).collect(Collectors.toSet());
        long reviewsNotAcked = storedReviews().keySet().stream().filter(k -> !acked.contains(k)).count();

        // Decisions: submission-service applies each decision review-service published once.
        Map<String, Long> published = new HashMap<>();
        Map<String, List<String>> decisionTypes = new HashMap<>();
        try (Connection c = stack.database("review");
             PreparedStatement s = c.prepareStatement("SELECT aggregateid, type FROM outbox WHERE topic = 'cfp.decisions' "
                     + "AND aggregateid = ANY(?) ORDER BY seq")) {
            s.setArray(1, c.createArrayOf("varchar", stored.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    published.merge(rs.getString(1), 1L, Long::sum);
                    decisionTypes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, Long> applied = new HashMap<>();
        try (Connection c = stack.database("submission");
             PreparedStatement s = c.prepareStatement("SELECT aggregateid, count(*) FROM outbox "
                     + "WHERE type = 'dev.lectern.proposal.decision-applied.v1' AND aggregateid = ANY(?) GROUP BY aggregateid")) {
            s.setArray(1, c.createArrayOf("varchar", stored.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        long decisionsTwice = 0;
        long decisionsNotApplied = 0;
        for (String id : stored.keySet()) {
            long p = published.getOrDefault(id, 0L);
            long a = applied.getOrDefault(id, 0L);
            decisionsTwice += Math.max(0, a - p);
            decisionsNotApplied += Math.max(0, p - a);
        }

        // Promotions: an acceptance published after a waitlisting, exactly one per freed place.
        long promotions = decisionTypes.values().stream()
                .filter(types -> types.indexOf("dev.lectern.proposal.waitlisted.v1") >= 0
                        && types.lastIndexOf("dev.lectern.proposal.accepted.v1") > types.indexOf("dev.lectern.proposal.waitlisted.v1"))
                .mapToLong(types -> types.stream().filter("dev.lectern.proposal.accepted.v1"::equals).count())
                .sum();
        long promotionsTwice = Math.max(0, promotions - ledger.expectedPromotions.size());

        // A place is held once: no track of a round holds more than its capacity (2).
        Map<String, Long> seats = stored.values().stream()
                .filter(s -> s.status().equals("ACCEPTED") || s.status().equals("CONFIRMED"))
                .collect(Collectors.groupingBy(s -> s.event() + "/" + s.track(), Collectors.counting()));
        long overfilled = seats.values().stream().filter(n -> n > 2).count();
        return List.of(
                new Count("reviews stored that no client acknowledged (a review applied twice)", reviewsNotAcked, true),
                new Count("decisions applied more often than published", decisionsTwice, true),
                new Count("decisions published but not applied", decisionsNotApplied, true),
                new Count("promotions (expected " + ledger.expectedPromotions.size() + ") counted twice", promotionsTwice, true),
                new Count("tracks holding more accepted proposals than their capacity", overfilled, true));
    }

    /** Per proposal on cfp.proposals: versions increase (an exact redelivery of one version is allowed), none missing. */
    private List<Count> order(Map<String, Stored> stored) {
        List<ConsumerRecord<String, String>> records = Topics.readAll(stack.kafka.bootstrapServers(), "cfp.proposals",
                Duration.ofMinutes(2));
        Map<String, Long> lastVersion = new HashMap<>();
        Map<String, String> lastId = new HashMap<>();
        Map<String, Set<Long>> seen = new HashMap<>();
        long violations = 0;
        long redelivered = 0;
        long read = 0;
        for (ConsumerRecord<String, String> record : records) {
            if (!stored.containsKey(record.key())) {
                continue;
            }
            read++;
            long version = Topics.version(record);
            String id = Topics.header(record, "ce_id");
            Long previous = lastVersion.get(record.key());
            if (previous != null) {
                if (version < previous || version == previous && !id.equals(lastId.get(record.key()))) {
                    violations++;
                    System.err.println("ORDER: " + record.key() + " version " + version + " after " + previous);
                } else if (version == previous) {
                    redelivered++;
                }
            }
            lastVersion.put(record.key(), Math.max(version, previous == null ? version : previous));
            lastId.put(record.key(), id);
            seen.computeIfAbsent(record.key(), k -> new HashSet<>()).add(version);
        }
        long missingVersions = 0;
        for (Stored s : stored.values()) {
            Set<Long> versions = seen.getOrDefault(s.id(), Set.of());
            for (long v = 1; v <= s.version(); v++) {
                if (!versions.contains(v)) {
                    missingVersions++;
                }
            }
        }
        return List.of(
                new Count("events read on cfp.proposals for these proposals", read, false),
                new Count("exact redeliveries on cfp.proposals (same event id and version again)", redelivered, false),
                new Count("per-proposal order violations on cfp.proposals", violations, true),
                new Count("proposal versions with no event on cfp.proposals", missingVersions, true));
    }

    private List<Count> malformedMessages() throws SQLException {
        Map<String, Integer> inDlq = new HashMap<>();
        for (String topic : List.of("cfp.proposals.dlq", "cfp.events.dlq", "cfp.decisions.dlq")) {
            for (ConsumerRecord<String, String> record : Topics.readAll(stack.kafka.bootstrapServers(), topic, Duration.ofMinutes(1))) {
                String marker = Topics.header(record, MalformedBurst.MARKER);
                if (marker != null) {
                    inDlq.merge(marker + "@" + topic, 1, Integer::sum);
                }
            }
        }
        List<MalformedBurst.Sent> sent = List.copyOf(malformed.sent);
        long notDeadLettered = sent.stream().filter(m -> !inDlq.containsKey(m.marker() + "@" + m.topic() + ".dlq")).count();
        long deadLetteredTwice = inDlq.values().stream().filter(n -> n > 1).count();
        Object[] ceIds = sent.stream().map(MalformedBurst.Sent::ceId).toArray();
        Object[] keys = sent.stream().map(MalformedBurst.Sent::key).toArray();
        long applied = count("review", "SELECT count(*) FROM processed_message WHERE message_id = ANY(?)", ceIds)
                + count("submission", "SELECT count(*) FROM processed_message WHERE message_id = ANY(?)", ceIds)
                + count("review", "SELECT count(*) FROM proposal_content WHERE id::text = ANY(?)", keys)
                + count("review", "SELECT count(*) FROM review_event WHERE slug = ANY(?)", keys);
        return List.of(
                new Count("malformed messages written", sent.size(), false),
                new Count("malformed messages not in their dead-letter topic", notDeadLettered, true),
                new Count("malformed messages applied", applied, true),
                new Count("malformed messages dead-lettered more than once (a redelivery, harmless)", deadLetteredTwice, false));
    }

    private long count(String service, String sql, Object[] values) throws SQLException {
        try (Connection c = stack.database(service); PreparedStatement s = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("varchar", values);
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long unsent(String service) throws SQLException {
        try (Connection c = stack.database(service);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_pending");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long lag(String group, List<String> topics) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            long lag = 0;
            for (var entry : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata offset = committed.get(entry.getKey());
                lag += entry.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Client.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
