package dev.lectern.review.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.tracing.Tracing;
import dev.lectern.review.assignment.AssignmentService;
import dev.lectern.review.decision.WaitlistPromotion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static dev.lectern.review.projection.Fields.number;
import static dev.lectern.review.projection.Fields.optionalText;
import static dev.lectern.review.projection.Fields.require;
import static dev.lectern.review.projection.Fields.text;

/**
 * Applies events from submission-service to review-service's store: each event id once (recorded in the
 * same transaction), each aggregate only forward (a stale version changes nothing).
 */
@ApplicationScoped
public class ProjectionService {

    static final Set<String> EVENT_TYPES = Set.of("dev.lectern.event.created.v1", "dev.lectern.event.updated.v1");

    /** What applying an event did, for metrics and tests. */
    public enum Outcome { APPLIED, STALE, DUPLICATE }

    @Inject
    EntityManager em;

    @Inject
    Tracing tracing;

    @Inject
    ObjectMapper mapper;

    @Inject
    AssignmentService assignments;

    @Inject
    WaitlistPromotion promotion;

    @Transactional
    public Outcome applyEvent(IncomingEvent incoming, String topic) {
        if (!EVENT_TYPES.contains(incoming.type())) {
            throw new MalformedEventException("unknown event type '" + incoming.type() + "' on " + topic);
        }
        JsonNode data = incoming.data();
        String slug = text(data, "slug");
        if (!slug.equals(incoming.key())) {
            throw new MalformedEventException("key '" + incoming.key() + "' is not the event slug '" + slug + "'");
        }
        long version = number(data, "version");
        if (!firstTime(incoming.id(), topic)) {
            return Outcome.DUPLICATE;
        }
        ReviewEvent event = em.find(ReviewEvent.class, slug, LockModeType.PESSIMISTIC_WRITE);
        if (event != null && event.version >= version) {
            return Outcome.STALE;
        }
        boolean created = event == null;
        if (created) {
            event = new ReviewEvent();
            event.slug = slug;
        }
        event.eventId = UUID.fromString(text(data, "id"));
        JsonNode name = require(data, "name");
        event.nameEn = text(name, "en");
        event.nameZh = optionalText(name, "zh");
        event.tracks = require(data, "tracks");
        event.formats = require(data, "formats");
        event.languages = mapper.convertValue(require(data, "languages"), new TypeReference<List<String>>() { });
        event.version = version;
        event.updatedAt = Instant.now();
        if (created) {
            em.persist(event);
        }
        return Outcome.APPLIED;
    }

    /** Applies one proposal event in a transaction of its own. */
    @Transactional
    public Outcome applyProposal(ProposalChange change, String topic) {
        if (!firstTime(change.messageId(), topic)) {
            return Outcome.DUPLICATE;
        }
        recordApplied(change);
        Outcome outcome = store(change);
        em.flush(); // a refused write fails here, with its reason, not later as a bare rollback at commit
        return outcome;
    }

    /** Records a decision submission-service refused, beside the decisions it applied, in their order. */
    @Transactional
    public Outcome applyRefusal(DecisionRefusal refusal, String topic) {
        if (!firstTime(refusal.messageId(), topic)) {
            return Outcome.DUPLICATE;
        }
        em.createNativeQuery("""
                        INSERT INTO decision_outcome (message_id, proposal_id, outcome, decision, status, proposal_version,
                                                      reason, source, recorded_at)
                        VALUES (?1, ?2, 'REFUSED', ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING""")
                .setParameter(1, refusal.decisionId()).setParameter(2, refusal.proposalId())
                .setParameter(3, refusal.decision().name()).setParameter(4, refusal.status().name())
                .setParameter(5, refusal.version()).setParameter(6, refusal.reason())
                .setParameter(7, refusal.decisionSource()).setParameter(8, refusal.refusedAt())
                .executeUpdate();
        return Outcome.APPLIED;
    }

    /** A change that applied a decision (whoever published it) is recorded as that decision's outcome. */
    private void recordApplied(ProposalChange change) {
        if (change.decisionId() == null) {
            return;
        }
        em.createNativeQuery("""
                        INSERT INTO decision_outcome (message_id, proposal_id, outcome, decision, status, proposal_version,
                                                      source, recorded_at)
                        VALUES (?1, ?2, 'APPLIED', ?3, ?3, ?4, ?5, now()) ON CONFLICT DO NOTHING""")
                .setParameter(1, change.decisionId()).setParameter(2, change.id()).setParameter(3, change.status())
                .setParameter(4, change.version()).setParameter(5, change.decisionSource())
                .executeUpdate();
    }

    /**
     * Applies a poll's worth of proposal events in one transaction, with the same outcome as applying them
     * one by one in order: each message id once, each proposal only forward. Between two changes that free a
     * place (a proposal withdrawn or declined, which cancels its assignments and may promote the next on
     * the waitlist), the changes collapse to each proposal's highest version and are written with one statement
     * per table; each place-freeing change is then applied on its own, seeing exactly the changes before it and
     * none after. Throws if any change cannot be applied; the caller then applies them one by one.
     */
    @Transactional
    public void applyProposals(List<ProposalChange> changes, String topic) {
        Set<String> first = firstTimes(changes, topic);
        Map<UUID, ProposalChange> run = new LinkedHashMap<>();
        for (ProposalChange change : changes) {
            if (!first.remove(change.messageId())) {
                continue; // applied before, or earlier in this batch
            }
            recordApplied(change);
            if (change.freesItsPlace()) {
                upsert(run.values());
                run.clear();
                store(change);
                // Written now, and forgotten: the next run is written with plain statements, which a session
                // still holding these entities (and the event's others that a promotion read) would not see.
                em.flush();
                em.clear();
            } else {
                run.merge(change.id(), change, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        upsert(run.values());
    }

    private Outcome store(ProposalChange change) {
        UUID id = change.id();
        ProposalContent content = em.find(ProposalContent.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (content != null && content.version >= change.version()) {
            return Outcome.STALE;
        }
        ProposalStatus before = content == null ? null : ProposalStatus.of(content.status);
        boolean created = content == null;
        if (created) {
            content = new ProposalContent();
            content.id = id;
        }
        content.eventSlug = change.eventSlug();
        content.version = change.version();
        content.status = change.status();
        content.title = change.title();
        content.abstractText = change.abstractText();
        content.description = change.description();
        content.format = change.format();
        content.track = change.track();
        content.language = change.language();
        content.tags = change.tags();
        content.updatedAt = Instant.now();
        if (created) {
            em.persist(content);
            em.flush();
        }
        ProposalIdentity identity = em.find(ProposalIdentity.class, id);
        boolean newIdentity = identity == null;
        if (newIdentity) {
            identity = new ProposalIdentity();
            identity.proposalId = id;
        }
        identity.speakers = change.speakers();
        identity.notes = change.notes();
        identity.version = change.version();
        if (newIdentity) {
            em.persist(identity);
        }
        if (ProposalStatus.of(change.status()) == ProposalStatus.WITHDRAWN) {
            assignments.cancelForWithdrawn(id);
        }
        if (change.freesItsPlace()) {
            // An accepted speaker gave the place up: the next on the waitlist moves up, in this transaction, in the
            // trace of the change that freed the place (so does the promotion's decision on cfp.decisions).
            tracing.process("promote from the waitlist", change.traceparent(), () -> promotion.placeFreed(id, before));
        }
        return Outcome.APPLIED;
    }

    /** Records the batch's message ids; returns those not recorded before (the others are redeliveries). */
    private Set<String> firstTimes(List<ProposalChange> changes, String topic) {
        String[] ids = changes.stream().map(ProposalChange::messageId).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> first = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO processed_message (message_id, topic) SELECT unnest(?), ? ON CONFLICT DO NOTHING RETURNING message_id")) {
                insert.setArray(1, connection.createArrayOf("varchar", ids));
                insert.setString(2, topic);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getString(1));
                    }
                }
            }
            return first;
        });
    }

    private static final String UPSERT_CONTENT = """
            INSERT INTO proposal_content (id, event_slug, version, status, title, abstract, description, format, track,
                                          language, tags, updated_at)
            SELECT c.id, c.event_slug, c.version, c.status, c.title, c.abstract, c.description, c.format, c.track,
                   c.language, c.tags, now()
            FROM unnest(?::uuid[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[]::jsonb[])
                 AS c(id, event_slug, version, status, title, abstract, description, format, track, language, tags)
            ON CONFLICT (id) DO UPDATE SET event_slug = EXCLUDED.event_slug, version = EXCLUDED.version,
                status = EXCLUDED.status, title = EXCLUDED.title, abstract = EXCLUDED.abstract,
                description = EXCLUDED.description, format = EXCLUDED.format, track = EXCLUDED.track,
                language = EXCLUDED.language, tags = EXCLUDED.tags, updated_at = EXCLUDED.updated_at
            WHERE proposal_content.version < EXCLUDED.version
            RETURNING id""";

    private static final String UPSERT_IDENTITY = """
            INSERT INTO proposal_identity (proposal_id, speakers, notes, version)
            SELECT * FROM unnest(?::uuid[], ?::text[]::jsonb[], ?::text[], ?::int8[])
            ON CONFLICT (proposal_id) DO UPDATE SET speakers = EXCLUDED.speakers, notes = EXCLUDED.notes,
                version = EXCLUDED.version""";

    /** Writes each change unless its proposal is already at that version or later: two statements for all. */
    private void upsert(Collection<ProposalChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ProposalChange> list = List.copyOf(changes);
        em.unwrap(Session.class).doWork(connection -> {
            Set<UUID> stored = new HashSet<>();
            try (PreparedStatement content = connection.prepareStatement(UPSERT_CONTENT)) {
                content.setArray(1, connection.createArrayOf("uuid", column(list, ProposalChange::id)));
                content.setArray(2, connection.createArrayOf("text", column(list, ProposalChange::eventSlug)));
                content.setArray(3, connection.createArrayOf("int8", column(list, ProposalChange::version)));
                content.setArray(4, connection.createArrayOf("text", column(list, ProposalChange::status)));
                content.setArray(5, connection.createArrayOf("text", column(list, ProposalChange::title)));
                content.setArray(6, connection.createArrayOf("text", column(list, ProposalChange::abstractText)));
                content.setArray(7, connection.createArrayOf("text", column(list, ProposalChange::description)));
                content.setArray(8, connection.createArrayOf("text", column(list, ProposalChange::format)));
                content.setArray(9, connection.createArrayOf("text", column(list, ProposalChange::track)));
                content.setArray(10, connection.createArrayOf("text", column(list, ProposalChange::language)));
                content.setArray(11, connection.createArrayOf("text", column(list, change -> json(change.tags()))));
                try (ResultSet rs = content.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<ProposalChange> applied = list.stream().filter(change -> stored.contains(change.id())).toList();
            if (applied.isEmpty()) {
                return;
            }
            try (PreparedStatement identity = connection.prepareStatement(UPSERT_IDENTITY)) {
                identity.setArray(1, connection.createArrayOf("uuid", column(applied, ProposalChange::id)));
                identity.setArray(2, connection.createArrayOf("text", column(applied, change -> json(change.speakers()))));
                identity.setArray(3, connection.createArrayOf("text", column(applied, ProposalChange::notes)));
                identity.setArray(4, connection.createArrayOf("int8", column(applied, ProposalChange::version)));
                identity.executeUpdate();
            }
        });
    }

    private static Object[] column(List<ProposalChange> changes, Function<ProposalChange, Object> field) {
        Object[] values = new Object[changes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(changes.get(i));
        }
        return values;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the message id; false if it was recorded before (a redelivery). */
    private boolean firstTime(String messageId, String topic) {
        int inserted = em.createNativeQuery(
                        "INSERT INTO processed_message (message_id, topic) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, messageId)
                .setParameter(2, topic)
                .executeUpdate();
        return inserted == 1;
    }
}
