package dev.lectern.submission.event;

import dev.lectern.submission.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class EventService {

    @Inject
    Outbox outbox;

    @Inject
    EventCache cache;

    @Transactional
    public Event create(EventRequest request, String organizer) {
        validate(request);
        if (Event.bySlug(request.slug()).isPresent()) {
            throw new ProblemException(409, "event-exists", request.slug());
        }
        Event event = new Event();
        event.slug = request.slug();
        event.createdBy = organizer;
        event.createdAt = Instant.now();
        event.version = 0;
        apply(event, request);
        event.persist();
        outbox.append("event", event.slug, EventTypes.EVENT_CREATED, EventTypes.EVENTS_TOPIC, EventPayload.of(event));
        return event;
    }

    /**
     * Replaces an event's settings if {@code ifMatch} names its current version (its ETag). Removing a track,
     * format or language that proposals use is refused (409, naming how many use each); renaming one (same slug,
     * new name) keeps the proposals valid.
     */
    @Transactional
    public Event update(String slug, EventRequest request, String ifMatch) {
        validate(request);
        Event event = Event.<Event>find("slug", slug).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(ProblemException::notFound);
        if (!event.slug.equals(request.slug())) {
            throw new ProblemException(400, "validation-failed",
                    List.of(new FieldError("slug", "invalid", null)));
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "event-precondition-required");
        }
        if (!dev.lectern.submission.proposal.ProposalRules.matches(ifMatch, event.version)) {
            throw new ProblemException(412, "event-changed", event.version);
        }
        List<String> inUse = new ArrayList<>();
        inUse(event, "track", request.tracks().stream().map(Track::slug).toList(), inUse);
        inUse(event, "format", request.formats().stream().map(Format::slug).toList(), inUse);
        inUse(event, "language", request.languages(), inUse);
        if (!inUse.isEmpty()) {
            throw new ProblemException(409, "event-option-in-use", String.join("; ", inUse));
        }
        apply(event, request);
        cache.evict(slug);
        outbox.append("event", event.slug, EventTypes.EVENT_UPDATED, EventTypes.EVENTS_TOPIC, EventPayload.of(event));
        return event;
    }

    /** Adds "track 'x': 3 proposals" for each value of {@code column} the event's proposals use and {@code kept} drops. */
    private void inUse(Event event, String column, List<String> kept, List<String> found) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Event.getEntityManager().createNativeQuery("SELECT " + column + ", count(*) FROM proposal "
                        + "WHERE event_id = ?1 AND NOT (" + column + " = ANY(CAST(?2 AS text[]))) GROUP BY 1 ORDER BY 1")
                .setParameter(1, event.id)
                .setParameter(2, kept.toArray(String[]::new))
                .getResultList();
        for (Object[] row : rows) {
            found.add(column + " '" + row[0] + "': " + row[1] + (((Number) row[1]).longValue() == 1 ? " proposal" : " proposals"));
        }
    }

    private static void apply(Event event, EventRequest request) {
        event.nameEn = request.name().en();
        event.nameZh = request.name().zh();
        event.timeZone = request.timeZone();
        event.cfpOpensAt = request.cfpOpensAt().toInstant();
        event.cfpClosesAt = request.cfpClosesAt().toInstant();
        event.tracks = List.copyOf(request.tracks());
        event.formats = List.copyOf(request.formats());
        event.languages = List.copyOf(request.languages());
        event.respondBy = request.respondBy() == null ? null : request.respondBy().toInstant();
        event.version++;
        event.updatedAt = Instant.now();
    }

    /** Rules Bean Validation cannot state: the window's order, the zone, unique slugs, speaker ranges. */
    static void validate(EventRequest request) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(request.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "time-zone", null));
        }
        if (!request.cfpClosesAt().isAfter(request.cfpOpensAt())) {
            errors.add(new FieldError("cfpClosesAt", "window-order", null));
        }
        if (request.respondBy() != null && !request.respondBy().isAfter(request.cfpClosesAt())) {
            errors.add(new FieldError("respondBy", "after-close", null));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.tracks().size(); i++) {
            if (!seen.add(request.tracks().get(i).slug())) {
                errors.add(new FieldError("tracks[" + i + "].slug", "duplicate", null));
            }
        }
        seen.clear();
        for (int i = 0; i < request.formats().size(); i++) {
            Format format = request.formats().get(i);
            if (!seen.add(format.slug())) {
                errors.add(new FieldError("formats[" + i + "].slug", "duplicate", null));
            }
            if (format.maxSpeakers() < format.minSpeakers()) {
                errors.add(new FieldError("formats[" + i + "].maxSpeakers", "min", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", errors);
        }
    }
}
