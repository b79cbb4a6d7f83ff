package dev.lectern.review.outbox;

/** CloudEvents types and topics that review-service publishes. Versioned: a breaking change is a new type. */
public final class EventTypes {

    public static final String DECISIONS_TOPIC = "cfp.decisions";

    public static final String PREFIX = "dev.lectern.";
    public static final String PROPOSAL_ACCEPTED = PREFIX + "proposal.accepted.v1";
    public static final String PROPOSAL_WAITLISTED = PREFIX + "proposal.waitlisted.v1";
    public static final String PROPOSAL_REJECTED = PREFIX + "proposal.rejected.v1";

    private EventTypes() {
    }
}
