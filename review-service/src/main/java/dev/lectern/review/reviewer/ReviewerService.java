package dev.lectern.review.reviewer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ReviewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ReviewerService {

    @Inject
    EntityManager em;

    @Transactional
    public ReviewerView create(String event, ReviewerRequest request) {
        check(event, request);
        if (Reviewer.count("eventSlug = ?1 AND subject = ?2", event, request.subject()) > 0) {
            throw new ProblemException(409, "reviewer-exists");
        }
        Reviewer reviewer = new Reviewer();
        reviewer.eventSlug = event;
        reviewer.createdAt = Instant.now();
        apply(reviewer, request);
        em.persist(reviewer);
        return ReviewerView.of(reviewer, 0);
    }

    @Transactional
    public ReviewerView replace(String event, UUID id, ReviewerRequest request) {
        Reviewer reviewer = find(event, id);
        check(event, request);
        if (!reviewer.subject.equals(request.subject())
                && Reviewer.count("eventSlug = ?1 AND subject = ?2", event, request.subject()) > 0) {
            throw new ProblemException(409, "reviewer-exists");
        }
        apply(reviewer, request);
        return ReviewerView.of(reviewer, activeAssignments(List.of(id)).getOrDefault(id, 0L));
    }

    @Transactional
    public List<ReviewerView> list(String event) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        List<Reviewer> reviewers = Reviewer.ofEvent(event);
        Map<UUID, Long> loads = activeAssignments(reviewers.stream().map(r -> r.id).toList());
        return reviewers.stream().map(r -> ReviewerView.of(r, loads.getOrDefault(r.id, 0L))).toList();
    }

    @Transactional
    public ReviewerView get(String event, UUID id) {
        Reviewer reviewer = find(event, id);
        return ReviewerView.of(reviewer, activeAssignments(List.of(id)).getOrDefault(id, 0L));
    }

    /**
     * Removes a reviewer who has written no review. One who has keeps their record, so the reviews keep
     * their author; unassign them instead.
     */
    @Transactional
    public void delete(String event, UUID id) {
        Reviewer reviewer = find(event, id);
        long reviews = (Long) em.createQuery("SELECT count(r) FROM Review r WHERE r.reviewerId = ?1")
                .setParameter(1, id).getSingleResult();
        if (reviews > 0) {
            throw new ProblemException(409, "reviewer-has-reviews");
        }
        em.createNativeQuery("DELETE FROM assignment WHERE reviewer_id = ?1").setParameter(1, id).executeUpdate();
        reviewer.delete();
    }

    private Reviewer find(String event, UUID id) {
        Reviewer reviewer = Reviewer.inEvent(event, id);
        if (reviewer == null) {
            throw ProblemException.notFound();
        }
        return reviewer;
    }

    private static void apply(Reviewer reviewer, ReviewerRequest request) {
        reviewer.subject = request.subject().trim();
        reviewer.name = request.name().trim();
        reviewer.email = request.email() == null || request.email().isBlank() ? null : request.email().trim();
        reviewer.affiliation = request.affiliation() == null || request.affiliation().isBlank()
                ? null : request.affiliation().trim();
        reviewer.tracks = List.copyOf(new java.util.TreeSet<>(request.tracksOrEmpty()));
        reviewer.maxAssignments = request.maxAssignments();
        reviewer.conflicts = request.conflictsOrEmpty().stream().map(String::trim).distinct().toList();
        reviewer.updatedAt = Instant.now();
    }

    /** The event must be known, and expertise tracks must be the event's tracks. */
    private void check(String event, ReviewerRequest request) {
        ReviewEvent reviewEvent = ReviewEvent.findById(event);
        if (reviewEvent == null) {
            throw ProblemException.notFound();
        }
        Set<String> known = new HashSet<>();
        for (JsonNode track : reviewEvent.tracks) {
            known.add(track.path("slug").asText());
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> tracks = request.tracksOrEmpty();
        for (int i = 0; i < tracks.size(); i++) {
            if (!known.contains(tracks.get(i))) {
                errors.add(new FieldError("tracks[" + i + "]", "unknown-track", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", errors);
        }
    }

    private Map<UUID, Long> activeAssignments(List<UUID> reviewers) {
        Map<UUID, Long> loads = new HashMap<>();
        if (reviewers.isEmpty()) {
            return loads;
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT a.reviewerId, count(a) FROM Assignment a WHERE a.reviewerId IN ?1 AND a.status = 'ACTIVE' "
                                + "GROUP BY a.reviewerId", Object[].class)
                .setParameter(1, reviewers).getResultList();
        for (Object[] row : rows) {
            loads.put((UUID) row[0], (Long) row[1]);
        }
        return loads;
    }
}
