package dev.lectern.review.selection;

import dev.lectern.review.decision.Decision;
import dev.lectern.review.decision.DecisionService;
import dev.lectern.review.decision.DecisionView;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.ranking.RankingResource;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import dev.lectern.review.web.CsvCells;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/events/{event}/selection")
@Tag(name = "Ranking and selection")
public class SelectionResource {

    @Inject
    SelectionService service;

    @Inject
    DecisionService decisions;

    @Inject
    dev.lectern.review.decision.Disagreements disagreements;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "runSelection", summary = "Run selection on the current ranking (organizer): accept, waitlist or reject each proposal "
            + "against the capacities, around the pins; stores the proposed decisions (unpublished)")
    public SelectionView select(@PathParam("event") String event, @Valid @NotNull SelectionRequest request) {
        Permissions.require(currentCaller.get(), Permissions.Action.SELECTION_MANAGE, event);
        return service.select(event, request);
    }

    @GET
    @Transactional
    @Produces({MediaType.APPLICATION_JSON, RankingResource.TEXT_CSV})
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = DecisionView[].class, responseDescription = "The stored decisions; CSV with format=csv or Accept: text/csv")
    @Operation(operationId = "listDecisions", summary = "The event's stored decisions (organizer), best rank first; CSV with format=csv or Accept: text/csv")
    public Response stored(@PathParam("event") String event, @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        Permissions.require(currentCaller.get(), Permissions.Action.SELECTION_MANAGE, event);
        boolean csv = RankingResource.wantsCsv(format, headers);
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        List<Decision> stored = decisions.list(event);
        Map<UUID, ProposalContent> contents = new HashMap<>();
        if (!stored.isEmpty()) {
            for (ProposalContent content : ProposalContent.<ProposalContent>list("id IN ?1",
                    stored.stream().map(d -> d.proposalId).toList())) {
                contents.put(content.id, content);
            }
        }
        Map<UUID, String> refusals = disagreements.refusals(event);
        List<DecisionView> views = new ArrayList<>(stored.size());
        for (Decision decision : stored) {
            views.add(DecisionView.of(decision, contents.get(decision.proposalId), refusals.get(decision.proposalId)));
        }
        if (!csv) {
            return Response.ok(views, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder out = new StringBuilder(CsvCells.row(List.of("rank", "proposalId", "title", "track", "format",
                "decision", "waitlistPosition", "pinned", "version", "decidedAt", "publishedAt", "releasedAt", "status",
                "refusal")));
        for (DecisionView v : views) {
            out.append(CsvCells.row(java.util.Arrays.asList(v.rank(), v.proposalId(), v.title(), v.track(), v.format(),
                    v.decision(), v.waitlistPosition(), v.pinned(), v.version(), v.decidedAt(), v.publishedAt(),
                    v.releasedAt(), v.status(), v.refusal())));
        }
        return RankingResource.attachment(out.toString(), event + "-decisions.csv");
    }
}
