package dev.lectern.review.selection;

/** A decision an organizer fixed by hand; selection works around it. */
public enum Pin {
    ACCEPT,
    WAITLIST,
    REJECT
}
