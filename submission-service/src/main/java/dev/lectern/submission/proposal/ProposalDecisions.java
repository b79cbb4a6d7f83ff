package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.submission.event.Event;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Decisions from review (accept, waitlist, reject), applied through the lifecycle like any other step. */
@ApplicationScoped
public class ProposalDecisions {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Offers offers;

    /** What became of a decision from review. */
    public enum DecisionOutcome { APPLIED, ALREADY_APPLIED, UNKNOWN_PROPOSAL, WRONG_EVENT, NOT_ALLOWED }

    /** Which decision message a change applies: its CloudEvent id and source, named in decision-applied's data. */
    public record DecisionRef(String id, String source) {
    }

    /** Applies a decision; one the proposal already carries changes nothing and emits nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionOutcome decide(UUID id, String eventSlug, Step step) {
        return decide(id, eventSlug, step, null, null);
    }

    /**
     * As {@link #decide(UUID, String, Step)}; the emitted decision-applied event names {@code decision}. An acceptance
     * gets its respond-by time from {@code respondBy}, else from the event ({@link Offers#respondBy}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionOutcome decide(UUID id, String eventSlug, Step step, DecisionRef decision, Instant respondBy) {
        Proposal proposal = Proposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            return DecisionOutcome.UNKNOWN_PROPOSAL;
        }
        Event event = Event.findById(proposal.eventId);
        if (!event.slug.equals(eventSlug)) {
            return DecisionOutcome.WRONG_EVENT;
        }
        if (ProposalLifecycle.carries(proposal.status, step)) {
            return DecisionOutcome.ALREADY_APPLIED;
        }
        Optional<ProposalStatus> next = ProposalLifecycle.next(proposal.status, step);
        if (next.isEmpty()) {
            return DecisionOutcome.NOT_ALLOWED;
        }
        Instant now = clock.instant();
        proposal.status = next.get();
        proposal.version++;
        proposal.updatedAt = now;
        proposal.respondBy = step == Step.ACCEPT ? offers.respondBy(respondBy, event, now) : null;
        proposal.statusReason = null;
        Outbox.Message message = ProposalEvents.of(proposal, event.slug, step.event());
        if (decision != null) {
            message = new Outbox.Message(message.aggregateType(), message.aggregateId(), message.type(), message.topic(),
                    mapper.<ObjectNode>valueToTree(message.payload()).set("decision", mapper.valueToTree(decision)),
                    message.traceparent());
        }
        outbox.append(message);
        return DecisionOutcome.APPLIED;
    }

    /** The current status, for messages about a decision that could not be applied. */
    public Optional<ProposalStatus> statusOf(UUID id) {
        return Proposal.<Proposal>findByIdOptional(id).map(p -> p.status);
    }
}
