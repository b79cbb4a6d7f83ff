package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Requires;
import dev.lectern.submission.security.Permissions.Action;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalResource {

    @Inject
    ProposalService service;

    @Inject
    ProposalQueries queries;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/proposals/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\", \"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its version as ETag")
    @Operation(operationId = "getProposal", summary = "Read a proposal (its speakers, the event's organizers)")
    public Response get(@PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Action.PROPOSAL_LIST_OWN, null, false);
        String eventSlug = queries.eventSlugOf(id).orElseThrow(ProblemException::notFound);
        Proposal proposal = service.read(id, currentCaller.get(), currentCaller.get().hasRole("organizer", eventSlug));
        return withTag(proposal, eventSlug);
    }

    @PUT
    @Requires(Action.PROPOSAL_LIST_OWN)
    @Path("/proposals/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "updateProposal", summary = "Replace a proposal while the CFP is open; needs If-Match (its speakers)")
    public Response update(@PathParam("id") UUID id, @Valid @NotNull ProposalRequest request,
                           @HeaderParam("If-Match") String ifMatch) {
        Permissions.require(currentCaller.get(), Action.PROPOSAL_LIST_OWN, null, false);
        Proposal proposal = service.update(id, request, ifMatch, currentCaller.get());
        return withTag(proposal, queries.eventSlugOf(id).orElseThrow());
    }

    @POST
    @Path("/proposals/{id}/submit")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "submitProposal", summary = "Submit a draft (its speakers)")
    public Response submit(@PathParam("id") UUID id) {
        return step(id, Step.SUBMIT);
    }

    @POST
    @Path("/proposals/{id}/withdraw")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "withdrawProposal", summary = "Withdraw a proposal (its speakers)")
    public Response withdraw(@PathParam("id") UUID id) {
        return step(id, Step.WITHDRAW);
    }

    @POST
    @Path("/proposals/{id}/confirm")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "confirmProposal", summary = "Confirm an accepted proposal (its speakers)")
    public Response confirm(@PathParam("id") UUID id) {
        return step(id, Step.CONFIRM);
    }

    @POST
    @Path("/proposals/{id}/decline")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "declineProposal", summary = "Decline an accepted proposal (its speakers)")
    public Response decline(@PathParam("id") UUID id) {
        return step(id, Step.DECLINE);
    }

    @GET
    @Path("/me/proposals")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @Operation(operationId = "listMyProposals", summary = "My proposals, across events (signed in)")
    public List<ProposalView> mine() {
        Permissions.require(currentCaller.get(), Action.PROPOSAL_LIST_OWN, null, false);
        return queries.mine(currentCaller.get());
    }

    private Response step(UUID id, Step step) {
        Permissions.require(currentCaller.get(), Action.PROPOSAL_LIST_OWN, null, false);
        Proposal proposal = service.speakerStep(id, step, currentCaller.get());
        return withTag(proposal, queries.eventSlugOf(id).orElseThrow());
    }

    static Response withTag(Proposal proposal, String eventSlug) {
        return Response.ok(ProposalView.of(proposal, eventSlug))
                .tag(new EntityTag(String.valueOf(proposal.version)))
                .build();
    }

}
