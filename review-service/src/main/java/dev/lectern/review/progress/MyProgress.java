package dev.lectern.review.progress;

import dev.lectern.review.settings.ReviewPhase;

import java.time.OffsetDateTime;

/** My own progress in one event, as a reviewer sees it. */
public record MyProgress(String event, ReviewPhase phase, OffsetDateTime dueAt, long assigned, long done,
                         long missing, long overdue) {
}
