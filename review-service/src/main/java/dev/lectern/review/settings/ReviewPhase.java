package dev.lectern.review.settings;

/** Whether reviewers may still write and revise reviews. */
public enum ReviewPhase {
    OPEN,
    CLOSED
}
