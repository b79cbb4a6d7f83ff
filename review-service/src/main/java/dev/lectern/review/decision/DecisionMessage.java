package dev.lectern.review.decision;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The data of a decision CloudEvent on {@code cfp.decisions}. */
public record DecisionMessage(String proposalId, String event, String decision, Integer rank, Integer waitlistPosition,
                              OffsetDateTime decidedAt, long decisionVersion) {

    static DecisionMessage of(Decision decision) {
        return new DecisionMessage(decision.proposalId.toString(), decision.eventSlug, decision.decision.name(),
                decision.rank, decision.waitlistPosition, decision.decidedAt.atOffset(ZoneOffset.UTC), decision.version);
    }
}
