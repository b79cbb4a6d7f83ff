package dev.lectern.review.assignment;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.reviewer.Reviewer;
import dev.lectern.review.settings.ReviewPhase;
import dev.lectern.review.settings.ReviewSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Loads an event's pool, reviewers and assignments, runs {@link AssignmentSolver}, and stores what it chose. */
@ApplicationScoped
public class AssignmentService {

    /** The only status in the review pool: drafts are not ready, withdrawn ones left, decided ones are done. */
    static final java.util.Set<String> IN_REVIEW = ProposalStatus.names(ProposalStatus::inReview);

    @Inject
    EntityManager em;

    @Transactional
    public AssignmentReport run(String event) {
        ReviewSettings settings = lockSettings(event);
        if (settings.phase == ReviewPhase.CLOSED) {
            throw new ProblemException(409, "review-phase-closed");
        }
        List<ProposalContent> contents = ProposalContent.list("eventSlug = ?1 AND status IN ?2 ORDER BY id", event, IN_REVIEW);
        Map<UUID, ProposalIdentity> identities = new HashMap<>();
        em.createQuery("SELECT i FROM ProposalIdentity i WHERE i.proposalId IN "
                        + "(SELECT c.id FROM ProposalContent c WHERE c.eventSlug = ?1 AND c.status IN ?2)", ProposalIdentity.class)
                .setParameter(1, event).setParameter(2, IN_REVIEW)
                .getResultList().forEach(identity -> identities.put(identity.proposalId, identity));
        List<Reviewer> reviewers = Reviewer.ofEvent(event);
        List<Assignment> existing = Assignment.list("eventSlug = ?1 AND status = ?2", event, Assignment.ACTIVE);

        List<AssignmentSolver.ProposalInput> proposals = new ArrayList<>(contents.size());
        for (ProposalContent content : contents) {
            proposals.add(new AssignmentSolver.ProposalInput(content.id.toString(), content.track,
                    speakers(identities.get(content.id))));
        }
        List<AssignmentSolver.ReviewerInput> reviewerInputs = reviewers.stream().map(AssignmentService::input).toList();
        List<AssignmentSolver.Pair> pairs = existing.stream()
                .map(a -> new AssignmentSolver.Pair(a.proposalId.toString(), a.reviewerId.toString())).toList();

        AssignmentSolver.Result result = AssignmentSolver.solve(new AssignmentSolver.Input(
                proposals, reviewerInputs, pairs, settings.reviewsPerProposal));

        Instant now = Instant.now();
        Map<String, Integer> createdPerReviewer = new HashMap<>();
        int expertise = 0;
        for (AssignmentSolver.Created created : result.created()) {
            em.persist(Assignment.active(event, UUID.fromString(created.proposalId()),
                    UUID.fromString(created.reviewerId()), Assignment.AUTOMATIC, now));
            createdPerReviewer.merge(created.reviewerId(), 1, Integer::sum);
            expertise += created.expertise() ? 1 : 0;
        }
        List<AssignmentReport.ReviewerLoad> loads = reviewers.stream()
                .map(r -> new AssignmentReport.ReviewerLoad(r.id.toString(), r.name,
                        result.loads().getOrDefault(r.id.toString(), 0), r.maxAssignments,
                        createdPerReviewer.getOrDefault(r.id.toString(), 0)))
                .toList();
        return new AssignmentReport(result.created().size(), expertise, settings.reviewsPerProposal, contents.size(),
                loads,
                result.shortfalls().stream().map(s -> new AssignmentReport.Unsatisfied(s.proposalId(), s.missing(),
                        s.reason(), s.conflictedReviewers(), s.fullReviewers())).toList(),
                result.existingConflicts().stream().map(c -> new AssignmentReport.ConflictedAssignment(
                        c.proposalId(), c.reviewerId(), c.kind())).toList());
    }

    /** An organizer's own choice; refused for a conflict, a full reviewer, a proposal not in review, or a repeat. */
    @Transactional
    public AssignmentView assign(String event, UUID proposalId, UUID reviewerId) {
        lockSettings(event);
        ProposalContent content = ProposalContent.findById(proposalId);
        Reviewer reviewer = Reviewer.inEvent(event, reviewerId);
        if (content == null || !content.eventSlug.equals(event) || reviewer == null) {
            throw ProblemException.notFound();
        }
        if (!ProposalStatus.of(content.status).inReview()) {
            throw new ProblemException(409, "proposal-not-in-review");
        }
        if (Assignment.count("proposalId = ?1 AND reviewerId = ?2 AND status = ?3", proposalId, reviewerId, Assignment.ACTIVE) > 0) {
            throw new ProblemException(409, "already-assigned");
        }
        Conflicts.Kind conflict = Conflicts.find(
                Conflicts.ReviewerKeys.of(reviewer.subject, reviewer.email, reviewer.affiliation, reviewer.conflicts),
                Conflicts.SpeakerKeys.of(speakers(ProposalIdentity.findById(proposalId))));
        if (conflict != null) {
            throw new ProblemException(409, "conflict-of-interest", conflict.name());
        }
        if (Assignment.count("reviewerId = ?1 AND status = ?2", reviewerId, Assignment.ACTIVE) >= reviewer.maxAssignments) {
            throw new ProblemException(409, "reviewer-full");
        }
        Assignment assignment = Assignment.active(event, proposalId, reviewerId, Assignment.MANUAL, Instant.now());
        em.persist(assignment);
        return AssignmentView.of(assignment);
    }

    /** Cancels an assignment; a review already written is kept. */
    @Transactional
    public void unassign(String event, UUID assignmentId) {
        Assignment assignment = Assignment.findById(assignmentId);
        if (assignment == null || !assignment.eventSlug.equals(event)) {
            throw ProblemException.notFound();
        }
        if (Assignment.ACTIVE.equals(assignment.status)) {
            assignment.status = Assignment.CANCELLED;
            assignment.cancelledAt = Instant.now();
            assignment.cancelReason = "UNASSIGNED";
        }
    }

    @Transactional
    public List<AssignmentView> list(String event, boolean includeCancelled) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        List<Assignment> assignments = includeCancelled
                ? Assignment.list("eventSlug = ?1 ORDER BY proposalId, reviewerId, createdAt", event)
                : Assignment.list("eventSlug = ?1 AND status = ?2 ORDER BY proposalId, reviewerId", event, Assignment.ACTIVE);
        return assignments.stream().map(AssignmentView::of).toList();
    }

    /**
     * A withdrawn proposal leaves the pool: its active assignments are cancelled in the projection's own
     * transaction, so the two never disagree. Reviews already written are kept for the record.
     */
    public int cancelForWithdrawn(UUID proposalId) {
        return em.createQuery("UPDATE Assignment a SET a.status = ?1, a.cancelledAt = ?2, a.cancelReason = 'WITHDRAWN' "
                        + "WHERE a.proposalId = ?3 AND a.status = ?4")
                .setParameter(1, Assignment.CANCELLED).setParameter(2, Instant.now())
                .setParameter(3, proposalId).setParameter(4, Assignment.ACTIVE)
                .executeUpdate();
    }

    /** Assignment needs the event's settings (reviews per proposal); locking them serialises runs per event. */
    private ReviewSettings lockSettings(String event) {
        ReviewSettings settings = em.find(ReviewSettings.class, event, LockModeType.PESSIMISTIC_WRITE);
        if (settings == null) {
            if (ReviewEvent.findById(event) == null) {
                throw ProblemException.notFound();
            }
            throw new ProblemException(409, "no-review-settings");
        }
        return settings;
    }

    private static List<Conflicts.Speaker> speakers(ProposalIdentity identity) {
        if (identity == null || identity.speakers == null) {
            return List.of();
        }
        return identity.speakers.stream().map(s -> new Conflicts.Speaker(s.email(), s.affiliation())).toList();
    }

    private static AssignmentSolver.ReviewerInput input(Reviewer reviewer) {
        return new AssignmentSolver.ReviewerInput(reviewer.id.toString(), reviewer.subject, reviewer.email,
                reviewer.affiliation, new HashSet<>(reviewer.tracks), reviewer.maxAssignments, reviewer.conflicts);
    }
}
