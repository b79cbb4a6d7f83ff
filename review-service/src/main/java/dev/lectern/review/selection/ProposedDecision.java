package dev.lectern.review.selection;

/**
 * Selection's proposal for one proposal. For a proposal left off the program, {@code reason} says what
 * kept it off (a full track, a full format, the speaker cap); a rejected one's reason is the waitlist
 * being full when the capacities had no room either.
 *
 * @param rank             rank in the ranking, null if it has no review
 * @param waitlistPosition 1-based position on its track's waitlist, only for {@link Outcome#WAITLIST}
 */
public record ProposedDecision(String proposalId, String track, String format, Outcome outcome, Reason reason,
                               Integer rank, Integer rankInTrack, Integer waitlistPosition, boolean pinned,
                               int reviewCount) {
}
