package dev.lectern.review.ranking;

import java.util.List;

/**
 * The ranking of an event: proposals best first (unreviewed ones last, unranked), each reviewer's scale,
 * and the pooled scale of all reviews that calibrated scores are mapped back onto.
 */
public record Ranking(RankingOptions options, List<RankedProposal> proposals, List<ReviewerCalibration> reviewers,
                      double pooledMean, double pooledStdDev) {

    public Ranking {
        proposals = List.copyOf(proposals);
        reviewers = List.copyOf(reviewers);
    }
}
