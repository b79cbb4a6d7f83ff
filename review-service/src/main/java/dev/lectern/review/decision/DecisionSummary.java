package dev.lectern.review.decision;

import java.util.List;

/**
 * Where each track's program stands, from the proposals' statuses as submission-service announced them:
 * how many are accepted and not yet confirmed, confirmed, declined, waitlisted and rejected.
 */
public record DecisionSummary(String event, List<Track> tracks) {

    /** @param capacity the track's capacity in the last selection run, null if it had none */
    public record Track(String track, Integer capacity, long accepted, long confirmed, long declined, long waitlisted,
                        long rejected) {
    }
}
