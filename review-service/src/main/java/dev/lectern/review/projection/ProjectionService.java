package dev.lectern.review.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.review.assignment.AssignmentService;
import dev.lectern.review.decision.WaitlistPromotion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies events from submission-service to review-service's store: each event id once (recorded in the
 * same transaction), each aggregate only forward (a stale version changes nothing).
 */
@ApplicationScoped
public class ProjectionService {

    static final String TYPE_PREFIX = "dev.lectern.";
    static final Set<String> EVENT_TYPES = Set.of(TYPE_PREFIX + "event.created.v1", TYPE_PREFIX + "event.updated.v1");
    static final Set<String> PROPOSAL_CHANGES = Set.of(
            "drafted", "submitted", "updated", "withdrawn", "confirmed", "declined", "decision-applied");
    static final Set<String> STATUSES = Set.of(
            "DRAFT", "SUBMITTED", "WITHDRAWN", "ACCEPTED", "WAITLISTED", "REJECTED", "CONFIRMED", "DECLINED");

    /** What applying an event did, for metrics and tests. */
    public enum Outcome { APPLIED, STALE, DUPLICATE }

    @Inject
    EntityManager em;

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
        event.nameZh = name.hasNonNull("zh") ? name.get("zh").asText() : null;
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

    @Transactional
    public Outcome applyProposal(IncomingEvent incoming, String topic) {
        String type = incoming.type();
        if (type == null || !type.startsWith(TYPE_PREFIX + "proposal.") || !type.endsWith(".v1")
                || !PROPOSAL_CHANGES.contains(type.substring((TYPE_PREFIX + "proposal.").length(), type.length() - 3))) {
            throw new MalformedEventException("unknown event type '" + type + "' on " + topic);
        }
        JsonNode data = incoming.data();
        UUID id = uuid(data, "id");
        if (!id.toString().equals(incoming.key())) {
            throw new MalformedEventException("key '" + incoming.key() + "' is not the proposal id '" + id + "'");
        }
        long version = number(data, "version");
        String status = text(data, "status");
        if (!STATUSES.contains(status)) {
            throw new MalformedEventException("unknown status '" + status + "'");
        }
        List<ProposalIdentity.SpeakerIdentity> speakers = speakers(data);
        if (!firstTime(incoming.id(), topic)) {
            return Outcome.DUPLICATE;
        }
        ProposalContent content = em.find(ProposalContent.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (content != null && content.version >= version) {
            return Outcome.STALE;
        }
        boolean created = content == null;
        if (created) {
            content = new ProposalContent();
            content.id = id;
        }
        content.eventSlug = text(data, "event");
        content.version = version;
        content.status = status;
        content.title = text(data, "title");
        content.abstractText = text(data, "abstract");
        content.description = data.hasNonNull("description") ? data.get("description").asText() : null;
        content.format = text(data, "format");
        content.track = text(data, "track");
        content.language = text(data, "language");
        content.tags = data.hasNonNull("tags")
                ? mapper.convertValue(data.get("tags"), new TypeReference<List<String>>() { }) : List.of();
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
        identity.speakers = speakers;
        identity.notes = data.hasNonNull("notes") ? data.get("notes").asText() : null;
        identity.version = version;
        if (newIdentity) {
            em.persist(identity);
        }
        if ("WITHDRAWN".equals(status)) {
            assignments.cancelForWithdrawn(id);
        }
        if ("WITHDRAWN".equals(status) || "DECLINED".equals(status)) {
            // An accepted speaker gave the place up: the next on the waitlist moves up, in this transaction.
            promotion.placeFreed(id);
        }
        return Outcome.APPLIED;
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

    private List<ProposalIdentity.SpeakerIdentity> speakers(JsonNode data) {
        JsonNode speakers = require(data, "speakers");
        if (!speakers.isArray()) {
            throw new MalformedEventException("speakers is not an array");
        }
        List<ProposalIdentity.SpeakerIdentity> result = new ArrayList<>();
        for (JsonNode speaker : speakers) {
            result.add(new ProposalIdentity.SpeakerIdentity(text(speaker, "name"), text(speaker, "email"),
                    speaker.hasNonNull("affiliation") ? speaker.get("affiliation").asText() : null,
                    speaker.hasNonNull("bio") ? speaker.get("bio").asText() : null));
        }
        return result;
    }

    private static JsonNode require(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = require(data, field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("field '" + field + "' is not a non-empty string");
        }
        return value.asText();
    }

    private static long number(JsonNode data, String field) {
        JsonNode value = require(data, field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw new MalformedEventException("field '" + field + "' is not a positive integer");
        }
        return value.asLong();
    }

    private static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(text(data, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("field '" + field + "' is not a UUID");
        }
    }
}
