package dev.lectern.review.decision;

import dev.lectern.review.projection.ProposalContent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A stored decision as an organizer reads it, with the proposal's title and its status as submission-service
 * last announced it (ACCEPTED, CONFIRMED, DECLINED...), and, when submission-service refused the last published
 * decision, its reason. No speaker appears.
 */
public record DecisionView(String proposalId, String title, String track, String format, Decision.Kind decision,
                           Integer rank, Integer waitlistPosition, boolean pinned, long version,
                           OffsetDateTime decidedAt, OffsetDateTime publishedAt, OffsetDateTime releasedAt,
                           String status, String refusal) {

    public static DecisionView of(Decision d, ProposalContent content) {
        return of(d, content, null);
    }

    /** @param refusal why submission-service refused the proposal's last published decision, if it did */
    public static DecisionView of(Decision d, ProposalContent content, String refusal) {
        return new DecisionView(d.proposalId.toString(), content == null ? null : content.title,
                content == null ? null : content.track, content == null ? null : content.format, d.decision, d.rank,
                d.waitlistPosition, d.pinned, d.version, utc(d.decidedAt), utc(d.publishedAt), utc(d.releasedAt),
                content == null ? null : content.status, refusal);
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
