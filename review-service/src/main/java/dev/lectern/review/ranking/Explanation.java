package dev.lectern.review.ranking;

import java.util.List;
import java.util.Map;

/**
 * Why a proposal scores what it does: the mean of each criterion, each reviewer's contribution raw and
 * calibrated, and sentences an organizer can read.
 */
public record Explanation(Map<String, Double> criterionMeans, List<ReviewerContribution> reviewers,
                          List<String> notes) {

    public Explanation {
        criterionMeans = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(criterionMeans));
        reviewers = List.copyOf(reviewers);
        notes = List.copyOf(notes);
    }
}
