package dev.lectern.review.redaction;

import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/events/{event}/proposals/{id}/redaction")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Identity in the text")
public class RedactionResource {

    @Inject
    RedactionService service;

    @Inject
    CurrentCaller currentCaller;

    @PUT
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "setRedaction", summary = "Store the reviewer-visible copy of a proposal's text (organizer); the speaker's original is unchanged")
    public RedactionView put(@PathParam("event") String event, @PathParam("id") UUID id,
                             @Valid @NotNull RedactionRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.REDACTION_MANAGE, event);
        return service.put(event, id, request, currentCaller.get().subject());
    }

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getRedaction", summary = "The proposal's redaction (organizer)")
    public RedactionView get(@PathParam("event") String event, @PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Permissions.Action.REDACTION_MANAGE, event);
        return service.get(event, id);
    }

    @DELETE
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "deleteRedaction", summary = "Remove the redaction (organizer)")
    public Response delete(@PathParam("event") String event, @PathParam("id") UUID id) {
        Permissions.require(currentCaller.get(), Permissions.Action.REDACTION_MANAGE, event);
        service.delete(event, id);
        return Response.noContent().build();
    }
}
