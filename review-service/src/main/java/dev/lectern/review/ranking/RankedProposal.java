package dev.lectern.review.ranking;

/**
 * One proposal's line in the ranking. Scores are on the criteria's scale and are null while the proposal
 * has no review; such a proposal has no rank. No speaker appears here: the ranking is blind.
 *
 * @param weightedMean    mean of its reviews' weighted scores
 * @param median          median of the same
 * @param calibratedScore mean of its reviews' calibrated scores
 * @param spread          disagreement between its reviewers, in the measure the options name
 * @param discuss         spread above the options' threshold
 */
public record RankedProposal(String proposalId, String track, String format, int reviewCount,
                             Double weightedMean, Double median, Double calibratedScore, Double spread,
                             boolean discuss, Integer rank, Integer rankInTrack, Explanation explanation) {

    public boolean reviewed() {
        return reviewCount > 0;
    }
}
