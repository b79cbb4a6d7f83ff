package dev.lectern.review.ranking;

/** Whether a reviewer's scores were calibrated, and if not, why. */
public enum CalibrationStatus {
    CALIBRATED,
    /** Fewer reviews than the event requires for calibration. */
    TOO_FEW_REVIEWS,
    /** The reviewer gave every proposal the same score: there is no scale to standardise against. */
    NO_SPREAD
}
