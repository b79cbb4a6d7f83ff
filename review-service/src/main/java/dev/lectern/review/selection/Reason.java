package dev.lectern.review.selection;

/** Why a proposal got its outcome, as a code a frontend can put in the organizer's language. */
public enum Reason {
    /** Accepted: every capacity it counts against had room when its turn came. */
    FITS,
    PINNED,
    /** Accepted: its speakers confirmed; final for selection, it keeps its place. */
    CONFIRMED,
    /** Accepted before and not yet answered: a re-run keeps the offer (pin REJECT or WAITLIST to take it back). */
    KEPT,
    /** Accepted: it was waitlisted and a new or freed place fits it; the waitlist is served before the ranking. */
    FROM_WAITLIST,
    /** Not accepted: its track was full. */
    TRACK_FULL,
    /** Not accepted: its format was full. */
    FORMAT_FULL,
    /** Not accepted: one of its speakers already had as many acceptances as allowed. */
    SPEAKER_CAP,
    /** Rejected: its track's waitlist was full too. */
    WAITLIST_FULL,
    TOO_FEW_REVIEWS
}
