package dev.lectern.review.selection;

/** What selection proposes for a proposal. */
public enum Outcome {
    ACCEPT,
    WAITLIST,
    REJECT,
    /** Not decided: the proposal has fewer reviews than the event requires. An organizer may still pin it. */
    TOO_FEW_REVIEWS
}
