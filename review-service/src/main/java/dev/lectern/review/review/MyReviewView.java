package dev.lectern.review.review;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** A reviewer's own review. */
public record MyReviewView(Map<String, Integer> scores, BigDecimal weightedScore, String comment, int confidence,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static MyReviewView of(Review review) {
        return review == null ? null : new MyReviewView(new TreeMap<>(review.scores), review.weightedScore,
                review.comment, review.confidence, review.createdAt.atOffset(ZoneOffset.UTC),
                review.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
