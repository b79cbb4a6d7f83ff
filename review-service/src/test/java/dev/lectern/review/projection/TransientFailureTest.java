package dev.lectern.review.projection;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression test for what the fault suite's long form found: PostgreSQL restarting while a projection
 * transaction committed surfaced as a {@link RollbackException}, which was taken for a malformed message and
 * dead-lettered, so the proposal never reached review-service.
 */
class TransientFailureTest {

    @Test
    void aCommitTheDatabaseCouldNotFinishIsRetriedNotDeadLettered() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        assertTrue(ProjectionConsumer.transientFailure(new IllegalStateException("apply failed", commit)));
    }

    @Test
    void aMessageThatCannotApplyIsNotRetried() {
        assertFalse(ProjectionConsumer.transientFailure(new IllegalArgumentException("no such track")));
    }
}
