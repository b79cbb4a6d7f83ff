package dev.lectern.review.selection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The program's places as they fill: accepted proposals per track, per format and per speaker. */
final class Seats {

    private final SelectionRules rules;
    private final Map<String, Integer> perTrack = new HashMap<>();
    private final Map<String, Integer> perFormat = new HashMap<>();
    private final Map<String, Integer> perSpeaker = new HashMap<>();

    Seats(SelectionRules rules) {
        this.rules = rules;
    }

    /** Null if the proposal fits every capacity, else the first one that has no room. */
    Reason blocker(String track, String format, Set<String> speakers) {
        Integer trackCapacity = rules.trackCapacity().get(track);
        if (trackCapacity != null && accepted(perTrack, track) >= trackCapacity) {
            return Reason.TRACK_FULL;
        }
        Integer formatCapacity = rules.formatCapacity().get(format);
        if (formatCapacity != null && accepted(perFormat, format) >= formatCapacity) {
            return Reason.FORMAT_FULL;
        }
        if (rules.maxAcceptedPerSpeaker() != null) {
            for (String speaker : speakers) {
                if (accepted(perSpeaker, speaker) >= rules.maxAcceptedPerSpeaker()) {
                    return Reason.SPEAKER_CAP;
                }
            }
        }
        return null;
    }

    void take(String track, String format, Set<String> speakers) {
        perTrack.merge(track, 1, Integer::sum);
        perFormat.merge(format, 1, Integer::sum);
        for (String speaker : speakers) {
            perSpeaker.merge(speaker, 1, Integer::sum);
        }
    }

    int acceptedInTrack(String track) {
        return accepted(perTrack, track);
    }

    int acceptedInFormat(String format) {
        return accepted(perFormat, format);
    }

    private static int accepted(Map<String, Integer> counts, String key) {
        return counts.getOrDefault(key, 0);
    }
}
