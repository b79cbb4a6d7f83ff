package dev.lectern.platform.messaging;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fault suite's long form found: PostgreSQL restarting while a consumer's transaction committed
 * surfaced as a {@link RollbackException}, which was taken for a malformed message and dead-lettered.
 */
class FailuresTest {

    @Test
    void aCommitTheDatabaseCouldNotFinishIsRetriedNotDeadLettered() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        assertTrue(Failures.transientFailure(new IllegalStateException("apply failed", commit)));
    }

    @Test
    void aMessageThatCannotApplyIsNotRetried() {
        assertFalse(Failures.transientFailure(new IllegalArgumentException("no such track")));
    }

    @Test
    void aDatabaseThatIsAwayIsWaitedForAsAWhole() {
        assertTrue(Failures.databaseAway(new IllegalStateException(new SQLException("gone", "08006"))));
        assertTrue(Failures.databaseAway(new SQLException("shutting down", "57P01")));
        assertFalse(Failures.databaseAway(new SQLException("deadlock", "40P01")), "a conflict is retried one by one");
        assertTrue(Failures.transientFailure(new SQLException("deadlock", "40P01")));
    }

    @Test
    void aDeadLetterReasonNeverQuotesTheDatabase() {
        SQLException tooLong = new SQLException("ERROR: value too long for type character varying(200)\n"
                + "  Where: INSERT INTO processed_message (message_id) VALUES ('aaaa…')", "22001");
        String reason = Failures.describe(new IllegalStateException("could not execute statement", tooLong));
        assertEquals("a value is longer than the field allows", reason);
        assertFalse(reason.contains("INSERT"));
        assertFalse(Failures.describe(new SQLException("ERROR: duplicate key value violates unique constraint \"x\"", "23505"))
                .contains("duplicate key"));
        assertEquals("proposalId is not a UUID", Failures.describe(new IllegalArgumentException("proposalId is not a UUID")));
    }
}
