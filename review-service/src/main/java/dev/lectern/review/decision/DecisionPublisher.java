package dev.lectern.review.decision;

import dev.lectern.review.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Publishes an event's decisions: each decision version is written to the outbox once, in the same transaction
 * that marks it published, and the outbox relay takes it to {@code cfp.decisions}. Publishing again sends only
 * what changed since; publishing twice at once sends each decision once, because the rows are locked and a
 * second publisher finds them already marked.
 */
@ApplicationScoped
public class DecisionPublisher {

    /** What publishing did: decisions written to the outbox now, and decisions that had gone out before. */
    public record Published(int published, int alreadyPublished) {
    }

    static final String AGGREGATE = "proposal";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Published publish(String eventSlug) {
        List<Decision> pending = em.createQuery("from Decision d where d.eventSlug = :slug and d.publishedAt is null "
                        + "order by d.rank nulls last, d.proposalId", Decision.class)
                .setParameter("slug", eventSlug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        Instant now = clock.instant();
        for (Decision decision : pending) {
            outbox.append(AGGREGATE, decision.proposalId.toString(), decision.decision.eventType(),
                    EventTypes.DECISIONS_TOPIC, DecisionMessage.of(decision));
            decision.publishedAt = now;
        }
        long all = em.createQuery("select count(d) from Decision d where d.eventSlug = :slug", Long.class)
                .setParameter("slug", eventSlug)
                .getSingleResult();
        return new Published(pending.size(), (int) all - pending.size());
    }
}
