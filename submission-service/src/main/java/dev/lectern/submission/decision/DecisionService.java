package dev.lectern.submission.decision;

import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.submission.proposal.ProposalDecisions;
import dev.lectern.submission.proposal.ProposalDecisions.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

/**
 * Applies decisions from {@code cfp.decisions} (review-service or organizer tooling): each message id
 * once, recorded in the same transaction as the change; a decision that cannot be applied is refused
 * with the reason, for the dead-letter topic.
 */
@ApplicationScoped
public class DecisionService {

    static final Map<String, Step> TYPES = Map.of(
            "dev.lectern.proposal.accepted.v1", Step.ACCEPT,
            "dev.lectern.proposal.waitlisted.v1", Step.WAITLIST,
            "dev.lectern.proposal.rejected.v1", Step.REJECT);

    @Inject
    ProposalDecisions proposals;

    @Inject
    EntityManager em;

    public record Decision(String messageId, String type, UUID proposalId, String eventSlug) {
    }

    /** @return the outcome; throws {@link UnappliableDecisionException} for one that can never apply */
    @Transactional
    public DecisionOutcome apply(Decision decision) {
        Step step = TYPES.get(decision.type());
        if (step == null) {
            throw new UnappliableDecisionException("unknown decision type '" + decision.type() + "'");
        }
        int first = em.createNativeQuery("INSERT INTO processed_message (message_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, decision.messageId())
                .executeUpdate();
        if (first == 0) {
            return DecisionOutcome.ALREADY_APPLIED;
        }
        DecisionOutcome outcome = proposals.decide(decision.proposalId(), decision.eventSlug(), step);
        switch (outcome) {
            case UNKNOWN_PROPOSAL -> throw new UnappliableDecisionException("unknown proposal " + decision.proposalId());
            case WRONG_EVENT -> throw new UnappliableDecisionException(
                    "proposal " + decision.proposalId() + " does not belong to event '" + decision.eventSlug() + "'");
            case NOT_ALLOWED -> throw new UnappliableDecisionException("impossible transition: proposal "
                    + decision.proposalId() + " is " + proposals.statusOf(decision.proposalId()).map(Enum::name).orElse("?")
                    + "; it cannot be " + step.label() + "ed");
            default -> {
                return outcome;
            }
        }
    }
}
