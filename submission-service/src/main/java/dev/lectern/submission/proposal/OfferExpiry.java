package dev.lectern.submission.proposal;

import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Expires acceptances not confirmed by their respond-by time: each becomes DECLINED with the reason EXPIRED and
 * emits {@code proposal.declined.v1}, exactly as a speaker's decline does, so review-service gives the place to
 * the waitlist. Every instance runs it; a row is locked with SKIP LOCKED and its status checked in the same
 * transaction, so each offer expires once however many instances run and whenever they restart.
 */
@ApplicationScoped
public class OfferExpiry {

    private static final Logger LOG = Logger.getLogger(OfferExpiry.class);
    static final String EXPIRED = "EXPIRED";
    private static final int BATCH = 100;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Scheduled(every = "${lectern.offers.expire-every:30s}", delayed = "${lectern.offers.expire-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            expireDue();
        } catch (RuntimeException e) {
            LOG.warnf("could not expire offers now (%s); trying again at the next run", e.toString());
        }
    }

    /** Expires every offer due now, a batch per transaction; returns how many expired. */
    public int expireDue() {
        int expired = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::expireBatch);
            expired += batch;
        } while (batch == BATCH);
        if (expired > 0) {
            LOG.infof("%d offers expired unanswered and were declined", expired);
        }
        return expired;
    }

    private int expireBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("""
                        SELECT id FROM proposal WHERE status = 'ACCEPTED' AND respond_by IS NOT NULL AND respond_by <= ?1
                         ORDER BY respond_by LIMIT ?2 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, now.atOffset(java.time.ZoneOffset.UTC))
                .setParameter(2, BATCH)
                .getResultList();
        for (UUID id : due) {
            Proposal proposal = em.find(Proposal.class, id);
            ProposalStatus next = ProposalLifecycle.next(proposal.status, Step.EXPIRE).orElseThrow();
            proposal.statusReason = EXPIRED;
            ProposalTransitions.apply(proposal, Event.findById(proposal.eventId), next, Step.EXPIRE, now, outbox);
        }
        return due.size();
    }
}
