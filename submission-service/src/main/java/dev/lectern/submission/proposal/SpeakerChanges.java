package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What a proposal's speakers do to it: edit it, submit, withdraw, confirm or decline. Each asks {@link ProposalLifecycle}
 * and writes its event to the outbox. The route locks the proposal with {@link #lock}, asks the permission table with
 * what it found, and then calls the change, all in one transaction: who the speakers are cannot change in between.
 */
@ApplicationScoped
public class SpeakerChanges {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SpeakerAccess access;

    /** A proposal locked for a change, and its event. */
    public record Locked(Proposal proposal, Event event) {
    }

    /** Locks the proposal for the rest of the caller's transaction; 404 if there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Locked lock(UUID id) {
        Proposal proposal = Proposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            throw ProblemException.notFound();
        }
        return new Locked(proposal, Event.findById(proposal.eventId));
    }

    /** Replaces the content (and speakers) of a locked proposal while the CFP is open; the access follows the speakers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Proposal update(Locked locked, ProposalRequest request, String ifMatch) {
        Proposal proposal = locked.proposal();
        Event event = locked.event();
        ProposalRules.requireVersion(ifMatch, proposal.version);
        ProposalStatus next = ProposalRules.next(proposal.status, Step.EDIT);
        Instant now = clock.instant();
        ProposalRules.requireOpen(event, now);
        ProposalRules.validate(event, request, next != ProposalStatus.DRAFT);
        ProposalContent.copy(request, proposal, now);
        proposal.version++;
        access.replace(proposal.id, proposal.speakers);
        outbox.append(ProposalEvents.of(proposal, event.slug, Step.EDIT.event()));
        return proposal;
    }

    /** A speaker's lifecycle step on a locked proposal: submit, withdraw, confirm or decline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Proposal step(Locked locked, Step step) {
        Proposal proposal = locked.proposal();
        Event event = locked.event();
        ProposalStatus next = ProposalRules.next(proposal.status, step);
        if (ProposalLifecycle.needsOpenCfp(step)) {
            ProposalRules.requireOpen(event, clock.instant());
        }
        if (step == Step.CONFIRM) {
            ProposalRules.requireOfferOpen(proposal, event, clock.instant());
        }
        if (step == Step.SUBMIT) {
            ProposalRules.validate(event, ProposalContent.asRequest(proposal), true);
            proposal.submittedAt = clock.instant();
        }
        return ProposalTransitions.apply(proposal, event, next, step, clock.instant(), outbox);
    }
}
