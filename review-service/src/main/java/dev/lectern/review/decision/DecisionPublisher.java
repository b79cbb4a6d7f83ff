package dev.lectern.review.decision;

import dev.lectern.review.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.selection.SelectionRulesRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes an event's decisions: each decision version is written to the outbox once, in the same transaction
 * that marks it published, and the outbox relay takes it to {@code cfp.decisions}. Publishing sends only the
 * decisions that change a proposal's status (a decision the proposal already carries is marked published and not
 * sent), and publishing again sends only what changed since; publishing twice at once sends each decision once, because the rows are locked and a
 * second publisher finds them already marked.
 */
@ApplicationScoped
public class DecisionPublisher {

    /**
     * What publishing did: decisions written to the outbox now, decisions that had gone out before, and decisions
     * marked published without sending anything because the proposal already carries them.
     */
    public record Published(int published, int alreadyPublished, int alreadyCarried) {

        public Published(int published, int alreadyPublished) {
            this(published, alreadyPublished, 0);
        }
    }

    static final String AGGREGATE = "proposal";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Published publish(String eventSlug) {
        // The event's row first, as selection and waitlist promotion take it: they never deadlock on decisions.
        em.find(ReviewEvent.class, eventSlug, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime respondBy = respondBy(em, eventSlug);
        List<Decision> pending = em.createQuery("from Decision d where d.eventSlug = :slug and d.publishedAt is null "
                        + "order by d.rank nulls last, d.proposalId", Decision.class)
                .setParameter("slug", eventSlug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        Instant now = clock.instant();
        Map<UUID, String> statuses = DecisionService.statuses(em, pending.stream().map(d -> d.proposalId).toList());
        int sent = 0;
        for (Decision decision : pending) {
            decision.publishedAt = now;
            if (DecisionService.carried(statuses.get(decision.proposalId), decision.decision)) {
                decision.publishedMessageId = null; // the proposal carries it already: a publish changes nothing
                continue;
            }
            decision.publishedMessageId = outbox.append(AGGREGATE, decision.proposalId.toString(),
                    decision.decision.eventType(), EventTypes.DECISIONS_TOPIC, DecisionMessage.of(decision,
                            decision.decision == Decision.Kind.ACCEPTED ? respondBy : null));
            sent++;
        }
        long all = em.createQuery("select count(d) from Decision d where d.eventSlug = :slug", Long.class)
                .setParameter("slug", eventSlug)
                .getSingleResult();
        return new Published(sent, (int) all - pending.size(), pending.size() - sent);
    }

    /** The respond-by time of the event's last selection run, which its acceptances carry; null if it set none. */
    static OffsetDateTime respondBy(EntityManager em, String eventSlug) {
        SelectionRulesRecord rules = em.find(SelectionRulesRecord.class, eventSlug);
        return rules == null || rules.respondBy == null ? null : rules.respondBy.atOffset(ZoneOffset.UTC);
    }
}
