package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.platform.security.Caller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Permissions.Action;
import dev.lectern.submission.security.Permissions.Facts;
import dev.lectern.submission.security.Requires;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Proposals within one event: submitting, and the organizers' list. */
@Path("/api/events/{event}/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class EventProposalResource {

    @Inject
    ProposalSubmissions submissions;

    @Inject
    ProposalQueries queries;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Requires(Action.PROPOSAL_CREATE)
    @Extension(name = ProblemResponses.ROLES, value = "[\"speaker\", \"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = ProposalView.class, responseCode = "201", responseDescription = "The proposal, at Location, with its version as ETag")
    @Operation(operationId = "createProposal", summary = "Submit a proposal, or save it as a draft with draft: true; its speakers must include the caller (speaker)")
    public Response create(@PathParam("event") String event, @Valid @NotNull ProposalRequest request,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = currentCaller.get();
        Permissions.require(caller, Action.PROPOSAL_CREATE, Facts.event(event).naming(SpeakerAccess.names(request.speakers(), caller)));
        ProposalSubmissions.Created created = submissions.create(event, request, caller.subject(), idempotencyKey);
        Proposal proposal = created.proposal();
        return Response.created(URI.create("/api/proposals/" + proposal.id))
                .tag(new EntityTag(String.valueOf(proposal.version)))
                .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                .entity(ProposalView.of(proposal, created.eventSlug()))
                .build();
    }

    @GET
    @Requires(Action.EVENT_PROPOSALS_READ)
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listEventProposals", summary = "List an event's proposals, oldest first, filtered and a page at a time (organizer of the event)",
            description = "Each filter takes repeated or comma-separated values. q matches a substring of the title, "
                    + "abstract, description, tags or speaker names, in any script. Pass nextCursor as cursor for the next page.")
    public ProposalPage list(@PathParam("event") String event,
                             @Parameter(description = "DRAFT, SUBMITTED, WITHDRAWN, ACCEPTED, WAITLISTED, REJECTED, CONFIRMED or DECLINED")
                             @QueryParam("status") List<String> status,
                             @QueryParam("track") List<String> track,
                             @QueryParam("format") List<String> format,
                             @QueryParam("language") List<String> language,
                             @QueryParam("q") String q,
                             @Parameter(description = "nextCursor from the previous page")
                             @QueryParam("cursor") String cursor,
                             @Parameter(description = "Page size, 1 to 200",
                                     schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
                             @QueryParam("limit") String limit) {
        return queries.page(event, ProposalFilter.parse(status, track, format, language, q), cursor, limit);
    }

    @GET
    @Requires(Action.EVENT_PROPOSALS_READ)
    @Path("/counts")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "countEventProposals", summary = "Count an event's proposals per status, track and format, under the list's filters (organizer of the event)")
    public ProposalCounts counts(@PathParam("event") String event,
                                 @QueryParam("status") List<String> status,
                                 @QueryParam("track") List<String> track,
                                 @QueryParam("format") List<String> format,
                                 @QueryParam("language") List<String> language,
                                 @QueryParam("q") String q) {
        return queries.counts(event, ProposalFilter.parse(status, track, format, language, q));
    }
}
