package dev.lectern.review.progress;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/events/{event}/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress")
public class ProgressResource {

    @Inject
    ProgressService service;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getEventProgress", summary = "Reviews done, missing and overdue, for the event and per reviewer (organizer)")
    public EventProgress get(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.PROGRESS_READ, event);
        return service.forEvent(event);
    }
}
