package dev.lectern.review.ranking;

/**
 * What one review added to a proposal's scores: its weighted score as given, and after calibration
 * (equal to the raw one when the reviewer was not calibrated).
 */
public record ReviewerContribution(String reviewerId, double raw, double calibrated, CalibrationStatus calibration,
                                   int reviewerReviewCount) {

    /** How far calibration moved this review's score. */
    public double shift() {
        return calibrated - raw;
    }
}
