package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import static dev.lectern.review.projection.Fields.number;
import static dev.lectern.review.projection.Fields.optionalText;
import static dev.lectern.review.projection.Fields.text;
import static dev.lectern.review.projection.Fields.uuid;

/**
 * {@code proposal.decision-refused.v1}: submission-service's lifecycle refused a decision (from review-service or
 * organizer tooling); the proposal is unchanged at {@code version}.
 */
public record DecisionRefusal(String messageId, UUID proposalId, String eventSlug, ProposalStatus decision,
                              ProposalStatus status, long version, String reason, String decisionId,
                              String decisionSource, Instant refusedAt) {

    public static DecisionRefusal of(IncomingEvent incoming) {
        JsonNode data = incoming.data();
        UUID id = uuid(data, "proposalId");
        if (!id.toString().equals(incoming.key())) {
            throw new MalformedEventException("key '" + incoming.key() + "' is not the proposal id '" + id + "'");
        }
        String decision = text(data, "decision");
        String status = text(data, "status");
        if (!ProposalStatus.known(decision) || !ProposalStatus.of(decision).isDecision() || !ProposalStatus.known(status)) {
            throw new MalformedEventException("unknown decision '" + decision + "' or status '" + status + "'");
        }
        Instant at;
        try {
            at = Instant.parse(text(data, "refusedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("refusedAt is not an ISO-8601 instant");
        }
        return new DecisionRefusal(incoming.id(), id, text(data, "event"), ProposalStatus.of(decision),
                ProposalStatus.of(status), number(data, "version"), text(data, "reason"), text(data, "decisionId"),
                optionalText(data, "decisionSource"), at);
    }
}
