package dev.lectern.review.review;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.review.progress.MyProgress;
import dev.lectern.review.progress.ProgressService;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** What a reviewer sees: their assignments (anonymised), their reviews, their progress. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My reviews")
public class MyReviewResource {

    @Inject
    ReviewService service;

    @Inject
    ProgressService progress;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/assignments")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "listMyAssignments", summary = "My assigned proposals, anonymised, with my review if any (reviewer)")
    public List<MyAssignmentView> assignments(@QueryParam("event") String event) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.myAssignments(caller, event);
    }

    @GET
    @Path("/assignments/{proposalId}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "getMyAssignment", summary = "One of my assigned proposals, anonymised (reviewer); 404 if it is not assigned to me")
    public MyAssignmentView assignment(@PathParam("proposalId") UUID proposalId) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.myAssignment(caller, proposalId);
    }

    @PUT
    @Path("/reviews/{proposalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "writeMyReview", summary = "Write or revise my review of an assigned proposal while the phase is open (reviewer)")
    public MyReviewView review(@PathParam("proposalId") UUID proposalId, @Valid @NotNull ReviewRequest request) {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return service.write(caller, proposalId, request);
    }

    @GET
    @Path("/progress")
    @Extension(name = ProblemResponses.ROLES, value = "[\"reviewer\", \"reviewer:{event}\"]", parseValue = true)
    @Operation(operationId = "getMyProgress", summary = "My reviews done, missing and overdue, per event (reviewer)")
    public List<MyProgress> progress() {
        Caller caller = currentCaller.get();
        Permissions.requireAnyEvent(caller, Permissions.Action.OWN_REVIEWS);
        return progress.forReviewers(service.myReviewerRecords(caller));
    }
}
