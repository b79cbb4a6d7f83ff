package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;

import java.time.Instant;

/** A lifecycle step applied to a managed proposal: the new status, the next version, and the step's event. */
final class ProposalTransitions {

    private ProposalTransitions() {
    }

    static Proposal apply(Proposal proposal, Event event, ProposalStatus next, Step step, Instant now, Outbox outbox) {
        proposal.status = next;
        proposal.version++;
        proposal.updatedAt = now;
        outbox.append(ProposalEvents.of(proposal, event.slug, step.event()));
        return proposal;
    }
}
