package dev.lectern.submission.proposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/** Deletes Idempotency-Keys older than {@code lectern.idempotency.ttl}, every {@code lectern.idempotency.purge-every}. */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    @Inject
    EntityManager em;

    @Scheduled(every = "${lectern.idempotency.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** @return how many keys were deleted */
    public int purge() {
        int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "DELETE FROM idempotency_key WHERE created_at <= now() - CAST(?1 AS interval)")
                .setParameter(1, IdempotencyKeys.ttl().toSeconds() + " seconds")
                .executeUpdate());
        if (purged > 0) {
            LOG.infof("purged %d expired Idempotency-Keys", purged);
        }
        return purged;
    }
}
