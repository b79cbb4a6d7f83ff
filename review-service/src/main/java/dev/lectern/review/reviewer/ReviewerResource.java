package dev.lectern.review.reviewer;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

@Path("/api/events/{event}/reviewers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviewers")
public class ReviewerResource {

    @Inject
    ReviewerService service;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = ReviewerView.class, responseCode = "201", responseDescription = "The reviewer, at Location")
    @Operation(operationId = "createReviewer", summary = "Register a reviewer for the event (organizer)")
    public Response create(@PathParam("event") String event, @Valid @NotNull ReviewerRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEWERS_MANAGE, event);
        ReviewerView view = service.create(event, request);
        return Response.created(URI.create("/api/events/" + event + "/reviewers/" + view.id())).entity(view).build();
    }

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listReviewers", summary = "The event's reviewers with their current loads (organizer)")
    public List<ReviewerView> list(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEWERS_MANAGE, event);
        return service.list(event);
    }

    @GET
    @Path("/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getReviewer", summary = "One reviewer (organizer)")
    public ReviewerView get(@PathParam("event") String event, @PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEWERS_MANAGE, event);
        return service.get(event, id);
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "updateReviewer", summary = "Replace a reviewer's details (organizer); existing assignments are kept")
    public ReviewerView replace(@PathParam("event") String event, @PathParam("id") UUID id,
                                @Valid @NotNull ReviewerRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEWERS_MANAGE, event);
        return service.replace(event, id, request);
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "deleteReviewer", summary = "Remove a reviewer who has written no review, with their assignments (organizer)")
    public Response delete(@PathParam("event") String event, @PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEWERS_MANAGE, event);
        service.delete(event, id);
        return Response.noContent().build();
    }
}
