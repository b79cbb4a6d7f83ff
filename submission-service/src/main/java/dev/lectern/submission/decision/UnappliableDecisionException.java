package dev.lectern.submission.decision;

/** A decision that can never be applied: it goes to {@code cfp.decisions.dlq} with this reason. */
public class UnappliableDecisionException extends RuntimeException {

    public UnappliableDecisionException(String reason) {
        super(reason, null, false, false);
    }
}
