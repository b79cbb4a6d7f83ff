package dev.lectern.submission.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A proposal as its speakers and the event's organizers see it. */
public record ProposalView(
        String id,
        String event,
        String status,
        long version,
        String title,
        @JsonProperty("abstract") String abstractText,
        String description,
        String format,
        String track,
        String language,
        List<String> tags,
        List<Speaker> speakers,
        String notes,
        String externalId,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        @Schema(description = "An acceptance's respond-by time: confirm before it, or the offer expires") Instant respondBy,
        @Schema(description = "Why the proposal has its status where the status alone does not say: EXPIRED (an "
                + "acceptance not confirmed by its respond-by time)", enumeration = {"EXPIRED"}) String statusReason) {

    public static ProposalView of(Proposal proposal, String eventSlug) {
        return new ProposalView(proposal.id.toString(), eventSlug, proposal.status.name(), proposal.version,
                proposal.title, proposal.abstractText, proposal.description, proposal.format, proposal.track,
                proposal.language, proposal.tags, proposal.speakers, proposal.notes, proposal.externalId,
                proposal.createdAt, proposal.updatedAt, proposal.submittedAt, proposal.respondBy,
                proposal.statusReason);
    }
}
