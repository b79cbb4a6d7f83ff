package dev.lectern.review.review;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.review.progress.MyProgress;
import dev.lectern.review.progress.ProgressService;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.reviewer.Reviewer;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a reviewer sees: their assignments (anonymised), their reviews, their progress. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My reviews")
public class MyReviewResource {

    static final String REF = "My reference for the proposal, as GET /api/me/assignments gives it (proposal.id)";

    @Inject
    ReviewService service;

    @Inject
    ProgressService progress;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/assignments")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "listMyAssignments", summary = "My assigned proposals, anonymised, with my review if any (reviewer)",
            description = "Each proposal is named by my own reference (proposal.id), not by its id, and the list is in "
                    + "an order of its own for each reviewer (by event, then reference): neither tells when a proposal "
                    + "was submitted. Proposals I may no longer review (a conflict appeared) are left out.")
    public List<MyAssignmentView> assignments(@QueryParam("event") String event) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.myAssignments(caller, event);
    }

    @GET
    @Path("/assignments/{proposalId}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "getMyAssignment", summary = "One of my assigned proposals, anonymised (reviewer); 404 if it is not assigned to me",
            description = "proposalId is my reference from GET /api/me/assignments (proposal.id). A proposal id, "
                    + "another reviewer's reference and a proposal I may no longer review are 404, as an unknown value.")
    public MyAssignmentView assignment(@Parameter(description = REF) @PathParam("proposalId") UUID proposalId) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.myAssignment(caller, proposalId);
    }

    @PUT
    @Path("/reviews/{proposalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "writeMyReview", summary = "Write or revise my review of an assigned proposal while the phase is open (reviewer)",
            description = "proposalId is my reference from GET /api/me/assignments (proposal.id); anything else is 404.")
    public MyReviewView review(@Parameter(description = REF) @PathParam("proposalId") UUID proposalId, @Valid @NotNull ReviewRequest request) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.write(caller, proposalId, request);
    }

    @GET
    @Path("/progress")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "getMyProgress", summary = "My reviews done, missing and overdue, per event (reviewer)",
            description = "Counts exactly the proposals GET /api/me/assignments lists: one I lost to a conflict is "
                    + "not counted, assigned or done.")
    public List<MyProgress> progress() {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        Map<Reviewer, List<UUID>> visible = new LinkedHashMap<>();
        service.visible(caller).forEach((reviewer, mine) ->
                visible.put(reviewer, mine.stream().map(ReviewService.Visible::proposalId).toList()));
        return progress.forReviewers(visible);
    }
}
