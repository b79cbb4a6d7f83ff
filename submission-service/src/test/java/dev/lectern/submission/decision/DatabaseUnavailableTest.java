package dev.lectern.submission.decision;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision whose commit PostgreSQL could not finish (it restarted mid-commit) is retried, not
 * dead-lettered: the same gap the fault suite found in review-service's projection.
 */
class DatabaseUnavailableTest {

    @Test
    void aCommitTheDatabaseCouldNotFinishIsRetriedNotDeadLettered() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        assertTrue(DecisionConsumer.databaseUnavailable(new IllegalStateException("apply failed", commit)));
    }

    @Test
    void aDecisionThatCannotApplyIsNotRetried() {
        assertFalse(DecisionConsumer.databaseUnavailable(new IllegalArgumentException("unknown proposal")));
    }
}
