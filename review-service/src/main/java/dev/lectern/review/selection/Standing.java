package dev.lectern.review.selection;

import dev.lectern.review.projection.ProposalStatus;

/**
 * What is already true of a proposal when selection runs again: its status as submission-service applied it,
 * and, for a waitlisted one, its place on its track's waitlist (null when it has none, e.g. waitlisted by
 * organizer tooling: it then follows those that have one, in ranking order).
 */
public record Standing(ProposalStatus status, Integer waitlistPosition) {

    public static final Standing IN_REVIEW = new Standing(ProposalStatus.SUBMITTED, null);
}
