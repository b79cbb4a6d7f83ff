package dev.lectern.review.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** {@link ReviewerRef} with the service's secret, read from the database once (migration V30 made it). */
@ApplicationScoped
public class ReviewerRefs {

    @Inject
    EntityManager em;

    private volatile byte[] secret;

    /** The reference this reviewer record knows this proposal by. */
    @Transactional
    public UUID of(UUID reviewerId, UUID proposalId) {
        return ReviewerRef.of(secret(), reviewerId, proposalId);
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = (byte[]) em.createNativeQuery("SELECT secret FROM reviewer_ref_key WHERE id = 1").getSingleResult();
            secret = known;
        }
        return known;
    }
}
