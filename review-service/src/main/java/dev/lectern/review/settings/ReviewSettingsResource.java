package dev.lectern.review.settings;

import dev.lectern.platform.problem.ProblemResponses;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/events/{event}/review-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Review settings")
public class ReviewSettingsResource {

    @Inject
    ReviewSettingsService service;

    @Inject
    CurrentCaller currentCaller;

    @PUT
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "setReviewSettings", summary = "Set the event's criteria, reviews per proposal, blindness, phase and due date (organizer)")
    public ReviewSettingsView put(@PathParam("event") String event, @Valid @NotNull ReviewSettingsRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEW_SETTINGS_MANAGE, event);
        return service.put(event, request);
    }

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getReviewSettings", summary = "The event's review settings (organizer)")
    public ReviewSettingsView get(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.REVIEW_SETTINGS_MANAGE, event);
        return service.get(event);
    }
}
