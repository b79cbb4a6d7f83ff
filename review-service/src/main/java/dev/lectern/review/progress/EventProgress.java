package dev.lectern.review.progress;

import dev.lectern.review.settings.ReviewPhase;

import java.time.OffsetDateTime;
import java.util.List;

/** An event's review progress, in total and per reviewer (organizer). */
public record EventProgress(String event, ReviewPhase phase, OffsetDateTime dueAt, long assigned, long done,
                            long missing, long overdue, long proposalsInReview, long proposalsFullyReviewed,
                            List<ReviewerProgress> reviewers) {
}
