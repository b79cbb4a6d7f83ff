package dev.lectern.review.selection;

import java.util.HashMap;
import java.util.Map;

/**
 * What selection fills against.
 *
 * @param trackCapacity         accepted proposals per track; a track not named is not limited by track
 * @param formatCapacity        accepted proposals per format; a format not named is not limited by format
 * @param maxAcceptedPerSpeaker accepted proposals per speaker, null for no cap
 * @param requiredReviews       a proposal with fewer reviews is reported, not decided
 * @param waitlistLength        waitlist places per track; null means as many as the track's capacity (or, for a
 *                              track without one, as many as it accepted)
 * @param pins                  decisions an organizer fixed, by proposal id
 */
public record SelectionRules(Map<String, Integer> trackCapacity, Map<String, Integer> formatCapacity,
                             Integer maxAcceptedPerSpeaker, int requiredReviews, Integer waitlistLength,
                             Map<String, Pin> pins) {

    public SelectionRules {
        trackCapacity = Map.copyOf(trackCapacity == null ? Map.of() : trackCapacity);
        formatCapacity = Map.copyOf(formatCapacity == null ? Map.of() : formatCapacity);
        pins = Map.copyOf(pins == null ? Map.of() : pins);
        if (trackCapacity.isEmpty() && formatCapacity.isEmpty()) {
            throw new IllegalArgumentException("selection needs a capacity per track or per format");
        }
        trackCapacity.forEach((track, capacity) -> requireNotNegative("capacity of track " + track, capacity));
        formatCapacity.forEach((format, capacity) -> requireNotNegative("capacity of format " + format, capacity));
        if (maxAcceptedPerSpeaker != null && maxAcceptedPerSpeaker < 1) {
            throw new IllegalArgumentException("maxAcceptedPerSpeaker must be at least 1");
        }
        requireNotNegative("requiredReviews", requiredReviews);
        if (waitlistLength != null) {
            requireNotNegative("waitlistLength", waitlistLength);
        }
    }

    private static void requireNotNegative(String what, Integer value) {
        if (value == null || value < 0) {
            throw new IllegalArgumentException(what + " must be zero or more");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Integer> tracks = new HashMap<>();
        private final Map<String, Integer> formats = new HashMap<>();
        private final Map<String, Pin> pins = new HashMap<>();
        private Integer maxAcceptedPerSpeaker;
        private int requiredReviews = 1;
        private Integer waitlistLength;

        public Builder track(String track, int capacity) {
            tracks.put(track, capacity);
            return this;
        }

        public Builder format(String format, int capacity) {
            formats.put(format, capacity);
            return this;
        }

        public Builder maxAcceptedPerSpeaker(Integer max) {
            maxAcceptedPerSpeaker = max;
            return this;
        }

        public Builder requiredReviews(int required) {
            requiredReviews = required;
            return this;
        }

        public Builder waitlistLength(Integer length) {
            waitlistLength = length;
            return this;
        }

        public Builder pin(String proposalId, Pin pin) {
            pins.put(proposalId, pin);
            return this;
        }

        public SelectionRules build() {
            return new SelectionRules(tracks, formats, maxAcceptedPerSpeaker, requiredReviews, waitlistLength, pins);
        }
    }
}
