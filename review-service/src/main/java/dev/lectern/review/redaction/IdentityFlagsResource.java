package dev.lectern.review.redaction;

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

@Path("/api/events/{event}/identity-flags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity in the text")
public class IdentityFlagsResource {

    @Inject
    RedactionService service;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listIdentityFlags", summary = "Proposals whose reviewer-visible text names their own speakers or affiliations (organizer)",
            description = "Text is compared normalised (invisible characters, full width, case, accents and traditional "
                    + "Chinese characters do not hide a name). Each match has a certainty: CERTAIN ones (a full name, an "
                    + "email, also written x(at)y, an affiliation) are masked for reviewers; UNCERTAIN ones (an initial "
                    + "with a surname, a part of a name alone, a Chinese family name with a title) are not masked, "
                    + "for the organizer to judge and redact.")
    public IdentityFlags flags(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.REDACTION_MANAGE, event);
        return service.flags(event);
    }
}
