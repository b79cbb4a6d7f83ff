package dev.lectern.review.assignment;

import java.util.List;

/**
 * What an assignment run did and what it could not do, for the organizer. It names reviewers (the
 * organizer's own data) and proposals by id; it names no speaker.
 */
public record AssignmentReport(
        int created,
        int expertiseMatches,
        int reviewsPerProposal,
        int proposalsInPool,
        List<ReviewerLoad> loads,
        List<Unsatisfied> unsatisfied,
        List<ConflictedAssignment> conflictedExisting) {

    public record ReviewerLoad(String reviewerId, String name, int load, int maxAssignments, int created) {
    }

    /** A proposal left short of reviews: how many are missing and why. */
    public record Unsatisfied(String proposalId, int missing, AssignmentSolver.Reason reason,
                              int conflictedReviewers, int fullReviewers) {
    }

    /** An assignment made earlier that is now a conflict (speaker details changed); kept, for an organizer to look at. */
    public record ConflictedAssignment(String proposalId, String reviewerId, Conflicts.Kind kind) {
    }
}
