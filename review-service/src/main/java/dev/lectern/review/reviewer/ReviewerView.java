package dev.lectern.review.reviewer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A reviewer as organizers see them, with their current number of active assignments. */
public record ReviewerView(String id, String event, String subject, String name, String email, String affiliation,
                           List<String> tracks, int maxAssignments, List<String> conflicts, long assignments,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ReviewerView of(Reviewer reviewer, long assignments) {
        return new ReviewerView(reviewer.id.toString(), reviewer.eventSlug, reviewer.subject, reviewer.name,
                reviewer.email, reviewer.affiliation, reviewer.tracks, reviewer.maxAssignments, reviewer.conflicts,
                assignments, reviewer.createdAt.atOffset(ZoneOffset.UTC), reviewer.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
