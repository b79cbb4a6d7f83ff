package dev.lectern.review.ranking;

/**
 * How an organizer wants the ranking built.
 *
 * @param key                  which score orders the ranking
 * @param minReviewsToCalibrate a reviewer with fewer reviews than this is left uncalibrated: a mean and
 *                             spread from one or two scores say little about how harsh someone is
 * @param spreadMeasure        how disagreement between a proposal's reviewers is measured
 * @param discussAbove         a proposal whose spread is above this is flagged for discussion
 */
public record RankingOptions(Key key, int minReviewsToCalibrate, SpreadMeasure spreadMeasure, double discussAbove) {

    public enum Key { RAW, CALIBRATED }

    /** Standard deviation (population) of the weighted scores, or their range (max minus min). */
    public enum SpreadMeasure { STD_DEV, RANGE }

    public static final int DEFAULT_MIN_REVIEWS_TO_CALIBRATE = 3;

    public RankingOptions {
        if (key == null) {
            key = Key.CALIBRATED;
        }
        if (spreadMeasure == null) {
            spreadMeasure = SpreadMeasure.STD_DEV;
        }
        if (minReviewsToCalibrate < 2) {
            // A standard deviation needs at least two scores.
            throw new IllegalArgumentException("minReviewsToCalibrate must be at least 2");
        }
        if (discussAbove < 0) {
            throw new IllegalArgumentException("discussAbove must not be negative");
        }
    }

    /** Calibrated key, 3 reviews to calibrate, discuss when the standard deviation is above 1 point. */
    public static RankingOptions defaults() {
        return new RankingOptions(Key.CALIBRATED, DEFAULT_MIN_REVIEWS_TO_CALIBRATE, SpreadMeasure.STD_DEV, 1.0);
    }

    public RankingOptions withKey(Key newKey) {
        return new RankingOptions(newKey, minReviewsToCalibrate, spreadMeasure, discussAbove);
    }

    public RankingOptions withMinReviewsToCalibrate(int minimum) {
        return new RankingOptions(key, minimum, spreadMeasure, discussAbove);
    }

    public RankingOptions withDiscussAbove(SpreadMeasure measure, double threshold) {
        return new RankingOptions(key, minReviewsToCalibrate, measure, threshold);
    }
}
