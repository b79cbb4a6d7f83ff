package dev.lectern.submission.proposal;

import dev.lectern.submission.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;

/** The outbox message a change of a proposal publishes: its whole view, typed by the change. */
final class ProposalEvents {

    private ProposalEvents() {
    }

    static Outbox.Message of(Proposal proposal, String eventSlug, String change) {
        return new Outbox.Message("proposal", proposal.id.toString(), EventTypes.proposal(change), EventTypes.PROPOSALS_TOPIC,
                ProposalView.of(proposal, eventSlug));
    }

    /** The change a new proposal's event names: drafted or submitted (review-service knows no other for a new one). */
    static String created(ProposalStatus status) {
        return status == ProposalStatus.DRAFT ? "drafted" : "submitted";
    }
}
