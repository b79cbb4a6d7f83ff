package dev.lectern.review.assignment;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/events/{event}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignments")
public class AssignmentResource {

    @Inject
    AssignmentService service;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "runAssignment", summary = "Run automatic assignment (organizer): keeps existing assignments, fills what is missing, "
            + "reports loads and what it could not satisfy")
    public AssignmentReport run(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.ASSIGNMENTS_MANAGE, event);
        return service.run(event);
    }

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listAssignments", summary = "The event's assignments (organizer); cancelled ones too with includeCancelled=true")
    public List<AssignmentView> list(@PathParam("event") String event,
                                     @QueryParam("includeCancelled") @DefaultValue("false") boolean includeCancelled) {
        Permissions.require(currentCaller.get(), Permissions.Action.ASSIGNMENTS_MANAGE, event);
        return service.list(event, includeCancelled);
    }

    @POST
    @Path("/manual")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = AssignmentView.class, responseCode = "201", responseDescription = "The assignment, at Location")
    @Operation(operationId = "assignReviewer", summary = "Assign a reviewer by hand (organizer); conflicts and maximums are checked as in automatic assignment")
    public Response assign(@PathParam("event") String event, @Valid @NotNull ManualAssignmentRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.ASSIGNMENTS_MANAGE, event);
        AssignmentView view = service.assign(event, request.proposalId(), request.reviewerId());
        return Response.created(URI.create("/api/events/" + event + "/assignments/" + view.id())).entity(view).build();
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Unassigned")
    @Operation(operationId = "unassignReviewer", summary = "Unassign (organizer): the assignment is cancelled, a review already written is kept")
    public Response unassign(@PathParam("event") String event, @PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Permissions.Action.ASSIGNMENTS_MANAGE, event);
        service.unassign(event, id);
        return Response.noContent().build();
    }
}
