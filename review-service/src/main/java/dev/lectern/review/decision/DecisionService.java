package dev.lectern.review.decision;

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
import java.util.HashSet;
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
