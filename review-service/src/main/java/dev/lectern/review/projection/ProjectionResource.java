package dev.lectern.review.projection;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/events/{event}/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals in review")
public class ProjectionResource {

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Transactional
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listReviewProposals", summary = "The event's proposals as review-service holds them (organizer); blind unless identities=true")
    public List<ProposalSummary> list(@PathParam("event") String event,
                                      @QueryParam("identities") @DefaultValue("false") boolean identities) {
        Permissions.require(currentCaller.get(), Permissions.Action.EVENT_PROPOSALS_READ, event);
        List<ProposalContent> contents = ProposalContent.list("eventSlug = ?1 ORDER BY id", event);
        return contents.stream().map(content -> {
            ProposalSummary summary = ProposalSummary.blind(content);
            if (!identities) {
                return summary;
            }
            ProposalIdentity identity = ProposalIdentity.findById(content.id);
            return summary.withSpeakers(identity == null ? List.of() : identity.speakers);
        }).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getReviewProposal", summary = "One proposal as review-service holds it (organizer); blind unless identities=true")
    public ProposalSummary get(@PathParam("event") String event, @PathParam("id") UUID id,
                               @QueryParam("identities") @DefaultValue("false") boolean identities) {
        Permissions.require(currentCaller.get(), Permissions.Action.EVENT_PROPOSALS_READ, event);
        ProposalContent content = ProposalContent.findById(id);
        if (content == null || !content.eventSlug.equals(event)) {
            throw ProblemException.notFound();
        }
        ProposalSummary summary = ProposalSummary.blind(content);
        if (!identities) {
            return summary;
        }
        ProposalIdentity identity = ProposalIdentity.findById(id);
        return summary.withSpeakers(identity == null ? List.of() : identity.speakers);
    }
}
