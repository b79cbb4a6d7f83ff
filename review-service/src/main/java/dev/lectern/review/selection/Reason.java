package dev.lectern.review.selection;

/** Why a proposal got its outcome, as a code a frontend can put in the organizer's language. */
public enum Reason {
    /** Accepted: every capacity it counts against had room when its turn came. */
    FITS,
    PINNED,
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
