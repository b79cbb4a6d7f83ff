package dev.lectern.review.progress;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.reviewer.Reviewer;
import dev.lectern.review.settings.ReviewSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Counts reviews done and missing on active assignments; missing ones are overdue once the due date passed. */
@ApplicationScoped
public class ProgressService {

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @Transactional
    public EventProgress forEvent(String event) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        ReviewSettings settings = ReviewSettings.findById(event);
        boolean late = late(settings);
        Map<UUID, long[]> counts = counts(event);
        List<ReviewerProgress> reviewers = new ArrayList<>();
        long assigned = 0;
        long done = 0;
        for (Reviewer reviewer : Reviewer.ofEvent(event)) {
            long[] c = counts.getOrDefault(reviewer.id, new long[2]);
            long missing = c[0] - c[1];
            reviewers.add(new ReviewerProgress(reviewer.id.toString(), reviewer.name, c[0], c[1], missing, late ? missing : 0));
            assigned += c[0];
            done += c[1];
        }
        Object[] proposals = (Object[]) em.createNativeQuery("""
                        SELECT count(*),
                               count(*) FILTER (WHERE (SELECT count(*) FROM review r JOIN assignment a
                                                          ON a.proposal_id = r.proposal_id AND a.reviewer_id = r.reviewer_id
                                                        WHERE r.proposal_id = c.id AND a.status = 'ACTIVE') >= ?2)
                          FROM proposal_content c WHERE c.event_slug = ?1 AND c.status = 'SUBMITTED'
                        """)
                .setParameter(1, event).setParameter(2, settings == null ? Integer.MAX_VALUE : settings.reviewsPerProposal)
                .getSingleResult();
        return new EventProgress(event, settings == null ? null : settings.phase, dueAt(settings), assigned, done,
                assigned - done, late ? assigned - done : 0, ((Number) proposals[0]).longValue(),
                ((Number) proposals[1]).longValue(), reviewers);
    }

    /**
     * The caller's own progress in each event they review, over the proposals they may review now (as their
     * assignment list shows them): a proposal lost to a conflict after assignment is neither assigned nor done, or
     * the count would tell them that a co-speaker from their organisation joined it.
     */
    @Transactional
    public List<MyProgress> forReviewers(Map<Reviewer, List<UUID>> visible) {
        List<MyProgress> out = new ArrayList<>();
        for (Map.Entry<Reviewer, List<UUID>> mine : visible.entrySet()) {
            Reviewer reviewer = mine.getKey();
            ReviewSettings settings = ReviewSettings.findById(reviewer.eventSlug);
            long assigned = mine.getValue().size();
            long done = assigned == 0 ? 0 : em.createQuery(
                            "SELECT count(r) FROM Review r WHERE r.reviewerId = ?1 AND r.proposalId IN ?2", Long.class)
                    .setParameter(1, reviewer.id).setParameter(2, mine.getValue()).getSingleResult();
            long missing = assigned - done;
            out.add(new MyProgress(reviewer.eventSlug, settings == null ? null : settings.phase, dueAt(settings),
                    assigned, done, missing, late(settings) ? missing : 0));
        }
        return out;
    }

    /** Per reviewer: {active assignments, of which reviewed}. */
    private Map<UUID, long[]> counts(String event) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT a.reviewer_id, count(*), count(r.id)
                          FROM assignment a
                          LEFT JOIN review r ON r.proposal_id = a.proposal_id AND r.reviewer_id = a.reviewer_id
                         WHERE a.event_slug = ?1 AND a.status = 'ACTIVE'
                         GROUP BY a.reviewer_id
                        """)
                .setParameter(1, event).getResultList();
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return counts;
    }

    private boolean late(ReviewSettings settings) {
        return settings != null && settings.dueAt != null && Instant.now(clock).isAfter(settings.dueAt);
    }

    private static OffsetDateTime dueAt(ReviewSettings settings) {
        return settings == null || settings.dueAt == null ? null : settings.dueAt.atOffset(ZoneOffset.UTC);
    }
}
