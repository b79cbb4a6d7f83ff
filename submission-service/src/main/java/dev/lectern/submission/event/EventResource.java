package dev.lectern.submission.event;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Requires;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.util.List;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    @Inject
    EventService service;

    @Inject
    CurrentCaller currentCaller;

    /** Whether the CFP is open is judged by the same clock that enforces it. */
    @Inject
    Clock clock;

    @GET
    @Requires(Permissions.Action.EVENT_READ)
    @Extension(name = ProblemResponses.ROLES, value = "[]", parseValue = true)
    @Operation(operationId = "listEvents", summary = "List events (public)")
    public List<EventView> list() {
        var now = clock.instant();
        return Event.<Event>listAll(io.quarkus.panache.common.Sort.by("cfpClosesAt").descending().and("slug"))
                .stream().map(event -> EventView.of(event, now)).toList();
    }

    @GET
    @Requires(Permissions.Action.EVENT_READ)
    @Path("/{event}")
    @Extension(name = ProblemResponses.ROLES, value = "[]", parseValue = true)
    @Operation(operationId = "getEvent", summary = "Read one event (public)")
    @APIResponseSchema(value = EventView.class, responseDescription = "The event; ETag is its version, for If-Match on PUT")
    public Response get(@PathParam("event") String slug) {
        Event event = Event.bySlug(slug).orElseThrow(ProblemException::notFound);
        return Response.ok(EventView.of(event, clock.instant())).tag(new EntityTag(String.valueOf(event.version))).build();
    }

    @POST
    @Requires(Permissions.Action.EVENT_CREATE)
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\"]", parseValue = true)
    @APIResponseSchema(value = EventView.class, responseCode = "201", responseDescription = "The event, at Location")
    @Operation(operationId = "createEvent", summary = "Create an event (organizer)")
    public Response create(@Valid @NotNull EventRequest request, UriInfo uri) {
        Event event = service.create(request, currentCaller.get().subject());
        return Response.created(URI.create("/api/events/" + event.slug))
                .entity(EventView.of(event, clock.instant())).build();
    }

    @PUT
    @Requires(Permissions.Action.EVENT_UPDATE)
    @Path("/{event}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "updateEvent", summary = "Replace an event's settings (organizer of the event), with If-Match: its ETag (428 without, "
            + "412 if stale); removing a track, format or language that proposals use is a 409 naming how many use it")
    @APIResponseSchema(value = EventView.class, responseDescription = "The event as changed; ETag is its new version")
    public Response update(@PathParam("event") String slug, @Valid @NotNull EventRequest request,
                           @HeaderParam("If-Match") String ifMatch) {
        Event event = service.update(slug, request, ifMatch);
        return Response.ok(EventView.of(event, clock.instant())).tag(new EntityTag(String.valueOf(event.version))).build();
    }
}
