package dev.lectern.review.ranking;

import java.util.Objects;

/** One scoring criterion of an event: reviewers give it an integer from {@code min} to {@code max}. */
public record Criterion(String key, double weight, int min, int max) {

    public Criterion {
        Objects.requireNonNull(key, "key");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("criterion " + key + ": weight must be positive");
        }
        if (max <= min) {
            throw new IllegalArgumentException("criterion " + key + ": max must be above min");
        }
    }
}
