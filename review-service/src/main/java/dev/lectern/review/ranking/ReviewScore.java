package dev.lectern.review.ranking;

import java.util.Map;
import java.util.Objects;

/** One reviewer's scores for one proposal, criterion key to score. */
public record ReviewScore(String proposalId, String reviewerId, Map<String, Integer> scores) {

    public ReviewScore {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(reviewerId, "reviewerId");
        scores = Map.copyOf(scores);
    }
}
