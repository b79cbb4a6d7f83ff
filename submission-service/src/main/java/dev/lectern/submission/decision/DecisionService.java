package dev.lectern.submission.decision;

import dev.lectern.submission.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.proposal.Proposal;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.submission.proposal.ProposalDecisions;
import dev.lectern.submission.proposal.ProposalDecisions.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Applies decisions from {@code cfp.decisions} (review-service or organizer tooling): each message id
 * once, recorded in the same transaction as the change; a decision that cannot be applied is refused
 * with the reason, for the dead-letter topic, and one the lifecycle refuses is also announced on
 * {@code cfp.proposals} so that whoever decided sees it.
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

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    static final String REFUSED_TYPE = EventTypes.proposal("decision-refused");

    /** What each decision type decides, by the status it leads to (the {@code decision} field of its data). */
    static final Map<Step, String> DECIDES = Map.of(Step.ACCEPT, "ACCEPTED", Step.WAITLIST, "WAITLISTED",
            Step.REJECT, "REJECTED");

    public record Decision(String messageId, String type, String source, UUID proposalId, String eventSlug,
                           Instant respondBy) {
    }

    /** What became of a decision; {@code refusal} is the reason when the lifecycle refused it. */
    public record Result(DecisionOutcome outcome, String refusal) {
    }

    /** The data of {@code proposal.decision-refused.v1}. */
    public record Refusal(String proposalId, String event, String decision, String status, long version,
                          String reason, String decisionId, String decisionSource, Instant refusedAt) {
    }

    /**
     * @return the outcome; throws {@link UnappliableDecisionException} for one that can never apply. A decision
     * the lifecycle refuses commits its announcement ({@code proposal.decision-refused.v1} on cfp.proposals) and
     * answers {@link DecisionOutcome#NOT_ALLOWED} with the reason; the consumer then dead-letters it as well.
     */
    @Transactional
    public Result apply(Decision decision) {
        Step step = TYPES.get(decision.type());
        if (step == null) {
            throw new UnappliableDecisionException("unknown decision type '" + decision.type() + "'");
        }
        int first = em.createNativeQuery("INSERT INTO processed_message (message_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, decision.messageId())
                .executeUpdate();
        if (first == 0) {
            return new Result(DecisionOutcome.ALREADY_APPLIED, null);
        }
        DecisionOutcome outcome = proposals.decide(decision.proposalId(), decision.eventSlug(), step,
                new ProposalDecisions.DecisionRef(decision.messageId(), decision.source()), decision.respondBy());
        switch (outcome) {
            case UNKNOWN_PROPOSAL -> throw new UnappliableDecisionException("unknown proposal " + decision.proposalId());
            case WRONG_EVENT -> throw new UnappliableDecisionException(
                    "proposal " + decision.proposalId() + " does not belong to event '" + decision.eventSlug() + "'");
            case NOT_ALLOWED -> {
                Proposal proposal = Proposal.findById(decision.proposalId()); // locked by decide
                String reason = "impossible transition: proposal " + decision.proposalId() + " is "
                        + proposal.status.name() + "; it cannot be " + step.label() + "ed";
                outbox.append(new Outbox.Message("proposal", proposal.id.toString(), REFUSED_TYPE,
                        EventTypes.PROPOSALS_TOPIC, new Refusal(proposal.id.toString(), decision.eventSlug(),
                        DECIDES.get(step), proposal.status.name(), proposal.version, reason, decision.messageId(),
                        decision.source(), clock.instant())));
                return new Result(outcome, reason);
            }
            default -> {
                return new Result(outcome, null);
            }
        }
    }
}
