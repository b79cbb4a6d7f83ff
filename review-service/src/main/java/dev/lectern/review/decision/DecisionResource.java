package dev.lectern.review.decision;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import dev.lectern.review.selection.SelectionRulesRecord;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/events/{event}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ranking and selection")
public class DecisionResource {

    /** The statuses the summary counts, in the order of its columns. */
    private static final List<ProposalStatus> SUMMARY = List.of(ProposalStatus.ACCEPTED, ProposalStatus.CONFIRMED,
            ProposalStatus.DECLINED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED);

    @Inject
    DecisionPublisher publisher;

    @Inject
    DecisionService decisions;

    @Inject
    Disagreements disagreements;

    @Inject
    EntityManager em;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Path("/publish")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "publishDecisions", summary = "Publish the stored decisions to cfp.decisions (organizer): each decision version once, and "
            + "only those that change a proposal's status (GET changes lists them); publishing again sends only what "
            + "changed since")
    public DecisionPublisher.Published publish(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.DECISIONS_PUBLISH, event);
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        return publisher.publish(event);
    }

    @GET
    @Path("/changes")
    @Transactional
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listDecisionChanges", summary = "What publishing now would change (organizer): per proposal, its status now (from) and the "
            + "decision that would be sent (to); unpublished decisions the proposal already carries are not listed")
    public List<DecisionService.Change> changes(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.SELECTION_MANAGE, event);
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        return decisions.changes(event);
    }

    @GET
    @Path("/disagreements")
    @Transactional
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listDecisionDisagreements", summary = "Proposals whose last published decision (from review-service or organizer tooling) and "
            + "current status in submission-service disagree, with why: REFUSED (with submission-service's reason), "
            + "NOT_YET_APPLIED, CHANGED_OTHERWISE (organizer)")
    public List<Disagreements.Disagreement> disagreements(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.SELECTION_MANAGE, event);
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        return disagreements.list(event);
    }

    @GET
    @Path("/summary")
    @Transactional
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getDecisionSummary", summary = "Per track: accepted, confirmed, declined, waitlisted and rejected proposals (organizer)")
    public DecisionSummary summary(@PathParam("event") String event) {
        Permissions.require(currentCaller.get(), Permissions.Action.SELECTION_MANAGE, event);
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT track, status, count(*) FROM proposal_content
                         WHERE event_slug = ?1 AND status IN ?2
                         GROUP BY track, status
                        """)
                .setParameter(1, event).setParameter(2, SUMMARY.stream().map(Enum::name).toList()).getResultList();
        SelectionRulesRecord rules = SelectionRulesRecord.findById(event);
        Map<String, long[]> counts = new TreeMap<>();
        if (rules != null) {
            rules.trackCapacity.keySet().forEach(track -> counts.put(track, new long[5]));
        }
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], t -> new long[5])[SUMMARY.indexOf(ProposalStatus.of((String) row[1]))] +=
                    ((Number) row[2]).longValue();
        }
        List<DecisionSummary.Track> tracks = new ArrayList<>();
        counts.forEach((track, c) -> tracks.add(new DecisionSummary.Track(track,
                rules == null ? null : rules.trackCapacity.get(track), c[0], c[1], c[2], c[3], c[4])));
        return new DecisionSummary(event, tracks);
    }
}
