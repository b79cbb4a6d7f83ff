package dev.lectern.review.assignment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An assignment as organizers see it. */
public record AssignmentView(String id, String event, String proposalId, String reviewerId, String origin,
                             String status, OffsetDateTime createdAt, OffsetDateTime cancelledAt,
                             String cancelReason) {

    static AssignmentView of(Assignment a) {
        return new AssignmentView(a.id.toString(), a.eventSlug, a.proposalId.toString(), a.reviewerId.toString(),
                a.origin, a.status, a.createdAt.atOffset(ZoneOffset.UTC),
                a.cancelledAt == null ? null : a.cancelledAt.atOffset(ZoneOffset.UTC), a.cancelReason);
    }
}
