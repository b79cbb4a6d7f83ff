package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Decisions from review (accept, waitlist, reject), applied through the lifecycle like any other step. */
@ApplicationScoped
public class ProposalDecisions {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** What became of a decision from review. */
    public enum DecisionOutcome { APPLIED, ALREADY_APPLIED, UNKNOWN_PROPOSAL, WRONG_EVENT, NOT_ALLOWED }

    /** Applies a decision; one the proposal already carries changes nothing and emits nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionOutcome decide(UUID id, String eventSlug, Step step) {
        Proposal proposal = Proposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            return DecisionOutcome.UNKNOWN_PROPOSAL;
        }
        Event event = Event.findById(proposal.eventId);
        if (!event.slug.equals(eventSlug)) {
            return DecisionOutcome.WRONG_EVENT;
        }
        Optional<ProposalStatus> next = ProposalLifecycle.next(proposal.status, step);
        if (next.isEmpty()) {
            boolean already = (step == Step.ACCEPT && proposal.status == ProposalStatus.ACCEPTED)
                    || (step == Step.WAITLIST && proposal.status == ProposalStatus.WAITLISTED)
                    || (step == Step.REJECT && proposal.status == ProposalStatus.REJECTED);
            return already ? DecisionOutcome.ALREADY_APPLIED : DecisionOutcome.NOT_ALLOWED;
        }
        ProposalTransitions.apply(proposal, event, next.get(), step, clock.instant(), outbox);
        return DecisionOutcome.APPLIED;
    }

    /** The current status, for messages about a decision that could not be applied. */
    public Optional<ProposalStatus> statusOf(UUID id) {
        return Proposal.<Proposal>findByIdOptional(id).map(p -> p.status);
    }
}
