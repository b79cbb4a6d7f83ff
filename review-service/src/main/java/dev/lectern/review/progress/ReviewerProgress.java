package dev.lectern.review.progress;

/** One reviewer's reviews in one event: assigned (active), done, missing, and overdue (missing after the due date). */
public record ReviewerProgress(String reviewerId, String name, long assigned, long done, long missing, long overdue) {
}
