package dev.lectern.review.ranking;

/** A reviewer's own scale: the mean and standard deviation of the weighted scores they gave. */
public record ReviewerCalibration(String reviewerId, int reviewCount, double mean, double stdDev,
                                  CalibrationStatus status) {

    public boolean calibrated() {
        return status == CalibrationStatus.CALIBRATED;
    }
}
