package dev.lectern.submission.outbox;

/** CloudEvents types and topics that submission-service publishes. Versioned: a breaking change is a new type. */
public final class EventTypes {

    public static final String EVENTS_TOPIC = "cfp.events";
    public static final String PROPOSALS_TOPIC = "cfp.proposals";
    public static final String DECISIONS_TOPIC = "cfp.decisions";

    public static final String PREFIX = "dev.lectern.";
    public static final String EVENT_CREATED = PREFIX + "event.created.v1";
    public static final String EVENT_UPDATED = PREFIX + "event.updated.v1";

    private EventTypes() {
    }

    /** {@code dev.lectern.proposal.submitted.v1} for {@code submitted}. */
    public static String proposal(String change) {
        return PREFIX + "proposal." + change + ".v1";
    }
}
