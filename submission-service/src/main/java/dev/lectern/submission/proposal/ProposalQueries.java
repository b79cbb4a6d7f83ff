package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import dev.lectern.submission.event.Format;
import dev.lectern.submission.event.Track;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of proposals: a speaker's own, an event's for its organizers. */
@ApplicationScoped
public class ProposalQueries {

    @Inject
    EntityManager em;

    @Transactional
    public Optional<Proposal> find(UUID id) {
        return Proposal.findByIdOptional(id);
    }

    @Transactional
    public Optional<String> eventSlugOf(UUID proposalId) {
        @SuppressWarnings("unchecked")
        List<String> slugs = em.createNativeQuery(
                        "SELECT e.slug FROM proposal p JOIN event e ON e.id = p.event_id WHERE p.id = ?1")
                .setParameter(1, proposalId)
                .getResultList();
        return slugs.stream().findFirst();
    }

    @Transactional
    public List<ProposalView> mine(Caller caller) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery(
                        "SELECT p, e.slug FROM Proposal p, Event e WHERE e.id = p.eventId AND p.id IN "
                                + "(SELECT a.proposalId FROM ProposalSpeakerAccess a WHERE a.principal IN :principals) "
                                + "ORDER BY p.createdAt DESC, p.id")
                .setParameter("principals", caller.principals())
                .setMaxResults(1000)
                .getResultList();
        return rows.stream().map(row -> ProposalView.of((Proposal) row[0], (String) row[1])).toList();
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /**
     * One page of an event's proposals for its organizers, oldest first. The order (createdAt, id) is
     * total, so the cursor after the last item of a page says exactly where the next one starts.
     */
    @Transactional
    public ProposalPage page(String eventSlug, ProposalFilter filter, String cursor, String limit) {
        int size = limit(limit);
        Event event = Event.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        Where where = where(event, filter);
        if (cursor != null && !cursor.isBlank()) {
            ProposalCursor after = ProposalCursor.decode(cursor);
            where.sql.append(" AND (p.created_at, p.id) > (?").append(where.add(after.createdAt()))
                    .append(", ?").append(where.add(after.id())).append(')');
        }
        Query query = em.createNativeQuery("SELECT p.* FROM proposal p WHERE " + where.sql
                + " ORDER BY p.created_at, p.id LIMIT " + (size + 1), Proposal.class);
        where.bind(query);
        @SuppressWarnings("unchecked")
        List<Proposal> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<Proposal> items = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            Proposal last = items.get(items.size() - 1);
            next = new ProposalCursor(last.createdAt, last.id).encode();
        }
        return new ProposalPage(items.stream().map(p -> ProposalView.of(p, event.slug)).toList(), next);
    }

    /** Counts per status, track and format under the same filters; every status, track and format appears, zeros too. */
    @Transactional
    public ProposalCounts counts(String eventSlug, ProposalFilter filter) {
        Event event = Event.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        Where where = where(event, filter);
        Query query = em.createNativeQuery("SELECT p.status, p.track, p.format, count(*) FROM proposal p WHERE "
                + where.sql + " GROUP BY p.status, p.track, p.format");
        where.bind(query);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ProposalStatus status : ProposalStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        Map<String, Long> byTrack = new LinkedHashMap<>();
        for (Track track : event.tracks) {
            byTrack.put(track.slug(), 0L);
        }
        Map<String, Long> byFormat = new LinkedHashMap<>();
        for (Format format : event.formats) {
            byFormat.put(format.slug(), 0L);
        }
        long total = 0;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            long count = ((Number) row[3]).longValue();
            total += count;
            byStatus.merge((String) row[0], count, Long::sum);
            byTrack.merge((String) row[1], count, Long::sum);
            byFormat.merge((String) row[2], count, Long::sum);
        }
        return new ProposalCounts(total, byStatus, byTrack, byFormat);
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new ProblemException(400, "validation-failed", List.of(new FieldError("limit", "range", null)), 1, MAX_LIMIT);
    }

    /** The WHERE clause of an event's filtered proposals, with its positional parameters. */
    private static Where where(Event event, ProposalFilter filter) {
        Where where = new Where();
        where.sql.append("p.event_id = ?").append(where.add(event.id));
        if (!filter.statuses().isEmpty()) {
            where.any("p.status", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.tracks().isEmpty()) {
            where.any("p.track", filter.tracks());
        }
        if (!filter.formats().isEmpty()) {
            where.any("p.format", filter.formats());
        }
        if (!filter.languages().isEmpty()) {
            where.any("p.language", filter.languages());
        }
        if (filter.text() != null) {
            // Substring match, case-insensitive for Latin scripts; '!' escapes the pattern's own wildcards.
            int q = where.add("%" + filter.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            String like = " ILIKE ?" + q + " ESCAPE '!'";
            where.sql.append(" AND (p.title").append(like)
                    .append(" OR p.abstract").append(like)
                    .append(" OR p.description").append(like)
                    .append(" OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.speakers) s WHERE s ->> 'name'").append(like).append(')')
                    .append(" OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.tags) t WHERE t").append(like).append("))");
        }
        return where;
    }

    private static final class Where {
        final StringBuilder sql = new StringBuilder();
        final List<Object> parameters = new ArrayList<>();

        int add(Object parameter) {
            parameters.add(parameter);
            return parameters.size();
        }

        void any(String column, List<String> values) {
            sql.append(" AND ").append(column).append(" = ANY(CAST(?").append(add(values.toArray(String[]::new)))
                    .append(" AS text[]))");
        }

        void bind(Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
        }
    }
}
