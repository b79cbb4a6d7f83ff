package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Permissions.Action;
import dev.lectern.submission.security.Permissions.Facts;
import dev.lectern.submission.security.Requires;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

import java.util.List;
import java.util.UUID;

/**
 * One proposal, for its speakers and its event's organizers. Each route asks {@link Permissions} with what it found
 * about the proposal; a change locks it first, so the speakers it asked about are the ones it changes.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalResource {

    @Inject
    SpeakerChanges changes;

    @Inject
    SpeakerAccess access;

    @Inject
    ProposalQueries queries;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Requires(Action.PROPOSAL_READ)
    @Path("/proposals/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\", \"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its version as ETag")
    @Operation(operationId = "getProposal", summary = "Read a proposal (its speakers, the event's organizers)")
    public Response get(@PathParam("id") UUID id) {
        Caller caller = currentCaller.get();
        String eventSlug = queries.eventSlugOf(id).orElseThrow(ProblemException::notFound);
        Permissions.require(caller, Action.PROPOSAL_READ, Facts.proposal(eventSlug, access.isSpeaker(id, caller)));
        Proposal proposal = queries.find(id).orElseThrow(ProblemException::notFound);
        return withTag(proposal, eventSlug);
    }

    @PUT
    @Requires(Action.PROPOSAL_CHANGE)
    @Path("/proposals/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "updateProposal", summary = "Replace a proposal while the CFP is open; needs If-Match, and must still name the caller among its speakers (its speakers)")
    @Transactional
    public Response update(@PathParam("id") UUID id, @Valid @NotNull ProposalRequest request,
                           @HeaderParam("If-Match") String ifMatch) {
        Caller caller = currentCaller.get();
        SpeakerChanges.Locked locked = changes.lock(id);
        Permissions.require(caller, Action.PROPOSAL_CHANGE, Facts.proposal(locked.event().slug, access.isSpeaker(id, caller))
                .naming(SpeakerAccess.names(request.speakers(), caller)));
        return withTag(changes.update(locked, request, ifMatch), locked.event().slug);
    }

    @POST
    @Requires(Action.PROPOSAL_CHANGE)
    @Path("/proposals/{id}/submit")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "submitProposal", summary = "Submit a draft (its speakers)")
    @Transactional
    public Response submit(@PathParam("id") UUID id) {
        return step(id, Step.SUBMIT);
    }

    @POST
    @Requires(Action.PROPOSAL_CHANGE)
    @Path("/proposals/{id}/withdraw")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "withdrawProposal", summary = "Withdraw a proposal (its speakers)")
    @Transactional
    public Response withdraw(@PathParam("id") UUID id) {
        return step(id, Step.WITHDRAW);
    }

    @POST
    @Requires(Action.PROPOSAL_CHANGE)
    @Path("/proposals/{id}/confirm")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "confirmProposal", summary = "Confirm an accepted proposal (its speakers)")
    @Transactional
    public Response confirm(@PathParam("id") UUID id) {
        return step(id, Step.CONFIRM);
    }

    @POST
    @Requires(Action.PROPOSAL_CHANGE)
    @Path("/proposals/{id}/decline")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseDescription = "The proposal, with its new version as ETag")
    @Operation(operationId = "declineProposal", summary = "Decline an accepted proposal (its speakers)")
    @Transactional
    public Response decline(@PathParam("id") UUID id) {
        return step(id, Step.DECLINE);
    }

    @GET
    @Requires(Action.PROPOSAL_LIST_OWN)
    @Path("/me/proposals")
    @Extension(name = ProblemResponses.ROLES, value = "[\"authenticated\"]", parseValue = true)
    @Operation(operationId = "listMyProposals", summary = "My proposals, across events (signed in)")
    public List<ProposalView> mine() {
        return queries.mine(currentCaller.get());
    }

    private Response step(UUID id, Step step) {
        Caller caller = currentCaller.get();
        SpeakerChanges.Locked locked = changes.lock(id);
        Permissions.require(caller, Action.PROPOSAL_CHANGE, Facts.proposal(locked.event().slug, access.isSpeaker(id, caller)));
        return withTag(changes.step(locked, step), locked.event().slug);
    }

    static Response withTag(Proposal proposal, String eventSlug) {
        return Response.ok(ProposalView.of(proposal, eventSlug))
                .tag(new EntityTag(String.valueOf(proposal.version)))
                .build();
    }
}
