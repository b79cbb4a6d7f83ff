package dev.lectern.review.decision;

import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.selection.Outcome;
import dev.lectern.review.selection.ProposedDecision;
import dev.lectern.review.selection.Selection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps an event's decisions as selection proposed them. A decision that changes gets a new version and
 * waits to be published again; one that does not change stays published.
 */
@ApplicationScoped
public class DecisionService {

    /** What storing a selection did. */
    public record Stored(int created, int changed, int unchanged, int dropped) {
    }

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /**
     * Stores the decisions of a selection. Proposals it reports with too few reviews get no decision; an
     * unpublished decision they had is dropped (a published one stays: it is already out).
     */
    @Transactional
    public Stored store(String eventSlug, Selection selection) {
        Instant now = clock.instant();
        int created = 0;
        int changed = 0;
        int unchanged = 0;
        Set<UUID> decided = new HashSet<>();
        for (ProposedDecision proposed : selection.decisions()) {
            Decision.Kind kind = kind(proposed.outcome());
            if (kind == null) {
                continue;
            }
            UUID id = UUID.fromString(proposed.proposalId());
            decided.add(id);
            Decision decision = em.find(Decision.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (decision == null) {
                decision = new Decision();
                decision.proposalId = id;
                decision.eventSlug = eventSlug;
                decision.version = 0;
                created++;
            } else if (!decision.eventSlug.equals(eventSlug)) {
                throw new IllegalArgumentException("proposal " + id + " belongs to event " + decision.eventSlug);
            } else if (decision.decision == kind && Objects.equals(decision.rank, proposed.rank())
                    && Objects.equals(decision.waitlistPosition, proposed.waitlistPosition())
                    && decision.pinned == proposed.pinned()) {
                unchanged++;
                continue;
            } else {
                changed++;
            }
            decision.decision = kind;
            decision.rank = proposed.rank();
            decision.waitlistPosition = proposed.waitlistPosition();
            decision.pinned = proposed.pinned();
            decision.version++;
            decision.decidedAt = now;
            decision.publishedAt = null;
            if (decision.version == 1) {
                em.persist(decision);
            }
        }
        List<Decision> stale = em.createQuery("from Decision d where d.eventSlug = :slug and d.publishedAt is null",
                        Decision.class)
                .setParameter("slug", eventSlug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        int dropped = 0;
        for (Decision decision : stale) {
            if (!decided.contains(decision.proposalId)) {
                em.remove(decision);
                dropped++;
            }
        }
        return new Stored(created, changed, unchanged, dropped);
    }

    /** What publishing now would change for one proposal: its status now, and the decision that would be sent. */
    public record Change(String proposalId, String title, String track, String from, Decision.Kind to) {
    }

    /**
     * The unpublished decisions that would change a proposal's status, best rank first; the others are marked
     * published without being sent.
     */
    public List<Change> changes(String eventSlug) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT d.proposal_id, c.title, c.track, c.status, d.decision FROM decision d
                          JOIN proposal_content c ON c.id = d.proposal_id
                         WHERE d.event_slug = ?1 AND d.published_at IS NULL
                         ORDER BY d.rank NULLS LAST, d.proposal_id""")
                .setParameter(1, eventSlug).getResultList();
        return rows.stream().filter(r -> !carried((String) r[3], Decision.Kind.valueOf((String) r[4])))
                .map(r -> new Change(r[0].toString(), (String) r[1], (String) r[2], (String) r[3],
                        Decision.Kind.valueOf((String) r[4]))).toList();
    }

    /**
     * Whether a proposal in {@code status} (null: not known here) already carries {@code decision}, so that sending
     * it would change nothing: it is that status, or its speaker answered it (a confirmed proposal carries its
     * acceptance).
     */
    static boolean carried(String status, Decision.Kind decision) {
        return status != null && ProposalStatus.of(status).agreesWith(ProposalStatus.of(decision.name()));
    }

    /** Published decisions that submission-service has neither applied nor refused yet, and that would change the status. */
    public long inFlight(String eventSlug) {
        Number count = (Number) em.createNativeQuery("""
                        SELECT count(*) FROM decision d JOIN proposal_content c ON c.id = d.proposal_id
                         WHERE d.event_slug = ?1 AND d.published_message_id IS NOT NULL AND c.status <> d.decision
                           AND c.status NOT IN ?2
                           AND NOT EXISTS (SELECT 1 FROM decision_outcome o
                                            WHERE o.message_id = CAST(d.published_message_id AS varchar))""")
                .setParameter(1, eventSlug).setParameter(2, ProposalStatus.names(ProposalStatus::finalForSelection))
                .getSingleResult();
        return count.longValue();
    }

    /** The statuses submission-service last announced for these proposals. */
    static Map<UUID, String> statuses(EntityManager em, List<UUID> ids) {
        Map<UUID, String> statuses = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select c.id, c.status from ProposalContent c where c.id in :ids",
                    Object[].class).setParameter("ids", ids).getResultList()) {
                statuses.put((UUID) row[0], (String) row[1]);
            }
        }
        return statuses;
    }

    public List<Decision> list(String eventSlug) {
        return em.createQuery("from Decision d where d.eventSlug = :slug order by d.rank nulls last, d.proposalId",
                        Decision.class)
                .setParameter("slug", eventSlug)
                .getResultList();
    }

    private static Decision.Kind kind(Outcome outcome) {
        return switch (outcome) {
            case ACCEPT -> Decision.Kind.ACCEPTED;
            case WAITLIST -> Decision.Kind.WAITLISTED;
            case REJECT -> Decision.Kind.REJECTED;
            case TOO_FEW_REVIEWS -> null;
        };
    }
}
