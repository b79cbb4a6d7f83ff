package dev.lectern.review.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The data of a decision CloudEvent on {@code cfp.decisions}. */
public record DecisionMessage(String proposalId, String event, String decision, Integer rank, Integer waitlistPosition,
                              OffsetDateTime decidedAt, long decisionVersion,
                              @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime respondBy) {

    /** {@code respondBy}: the time an acceptance must be confirmed by, or null for the event's own. */
    static DecisionMessage of(Decision decision, OffsetDateTime respondBy) {
        return new DecisionMessage(decision.proposalId.toString(), decision.eventSlug, decision.decision.name(),
                decision.rank, decision.waitlistPosition, decision.decidedAt.atOffset(ZoneOffset.UTC), decision.version,
                respondBy);
    }
}
