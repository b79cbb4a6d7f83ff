package dev.lectern.submission.proposal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A proposal's content as a request carries it: copied onto the proposal, compared with it, read back from it. */
final class ProposalContent {

    private ProposalContent() {
    }

    static void copy(ProposalRequest request, Proposal proposal, Instant now) {
        proposal.title = request.title();
        proposal.abstractText = request.abstractText();
        proposal.description = request.description();
        proposal.format = request.format();
        proposal.track = request.track();
        proposal.language = request.language();
        proposal.tags = List.copyOf(request.tagsOrEmpty());
        proposal.speakers = List.copyOf(request.speakers());
        proposal.notes = request.notes();
        proposal.updatedAt = now;
    }

    /** Whether the proposal already has this content and status. */
    static boolean sameAs(Proposal proposal, ProposalRequest request, ProposalStatus status) {
        return proposal.status == status
                && Objects.equals(proposal.title, request.title())
                && Objects.equals(proposal.abstractText, request.abstractText())
                && Objects.equals(proposal.description, request.description())
                && Objects.equals(proposal.format, request.format())
                && Objects.equals(proposal.track, request.track())
                && Objects.equals(proposal.language, request.language())
                && Objects.equals(proposal.tags, request.tagsOrEmpty())
                && Objects.equals(proposal.speakers, request.speakers())
                && Objects.equals(proposal.notes, request.notes());
    }

    /** The proposal's content as a (complete) request, to validate it again on submit. */
    static ProposalRequest asRequest(Proposal proposal) {
        return new ProposalRequest(proposal.title, proposal.abstractText, proposal.description, proposal.format,
                proposal.track, proposal.language, proposal.tags, proposal.speakers, proposal.notes, false);
    }
}
