package dev.lectern.submission.proposal;

import dev.lectern.submission.security.CurrentCaller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Permissions.Action;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Proposals within one event: submitting, and the organizers' list. */
@Path("/api/events/{event}/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class EventProposalResource {

    @Inject
    ProposalService service;

    @Inject
    CurrentCaller currentCaller;

    @POST
        @Operation(summary = "Submit a proposal, or save it as a draft with draft: true (speaker)")
    public Response create(@PathParam("event") String event, @Valid @NotNull ProposalRequest request,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Permissions.require(currentCaller.get(), Action.PROPOSAL_CREATE, event, false);
        ProposalService.Created created = service.create(event, request, currentCaller.get(), idempotencyKey);
        Proposal proposal = created.proposal();
        return Response.created(URI.create("/api/proposals/" + proposal.id))
                .tag(new EntityTag(String.valueOf(proposal.version)))
                .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                .entity(ProposalView.of(proposal, created.eventSlug()))
                .build();
    }
}
