package dev.lectern.review.review;

import dev.lectern.review.settings.Criterion;
import dev.lectern.review.settings.ReviewPhase;

import java.time.OffsetDateTime;
import java.util.List;

/** One of my assignments: the anonymised proposal, how to score it, and my review if I wrote one. */
public record MyAssignmentView(String event, ReviewerProposalView proposal, ReviewPhase phase, OffsetDateTime dueAt,
                               List<Criterion> criteria, MyReviewView review) {
}
