package dev.lectern.review.review;

import dev.lectern.review.assignment.Assignment;
import dev.lectern.review.assignment.Conflicts;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.reviewer.Reviewer;
import dev.lectern.platform.security.Caller;
import dev.lectern.review.security.Permissions;
import dev.lectern.review.settings.ReviewPhase;
import dev.lectern.review.settings.ReviewSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reviewer's own assignments and reviews. A caller sees only what they are assigned to and not conflicted
 * with, in events where they hold the reviewer role ({@link Permissions#mayReview}); anything else is the
 * same 404 as an unknown id. Reviewers name proposals by their own {@link ReviewerRef}, never by proposal id.
 */
@ApplicationScoped
public class ReviewService {

    @Inject
    EntityManager em;

    @Inject
    ReviewerRefs refs;

    /** The reviewer records of the caller in events where their token lets them review. */
    @Transactional
    public List<Reviewer> myReviewerRecords(Caller caller) {
        List<Reviewer> records = Reviewer.list("subject = ?1 ORDER BY eventSlug", caller.subject());
        return records.stream()
                .filter(r -> Permissions.allows(caller, Permissions.Action.OWN_REVIEWS, r.eventSlug))
                .toList();
    }

    /**
     * One proposal the caller may review now ({@link Permissions#mayReview}), with the reference they know it by.
     * Every reviewer-facing read, write and count starts from this list, so they all follow one rule.
     */
    public record Visible(Reviewer reviewer, UUID proposalId, UUID ref) {
    }

    /**
     * The caller's reviewable assignments per reviewer record (every record the token opens, even with none),
     * each record's ordered by reference: a per-reviewer order that says nothing about when anything was submitted.
     */
    @Transactional
    public Map<Reviewer, List<Visible>> visible(Caller caller) {
        Map<Reviewer, List<Visible>> visible = new LinkedHashMap<>();
        for (Reviewer reviewer : myReviewerRecords(caller)) {
            List<Visible> mine = new ArrayList<>();
            List<Assignment> assignments = Assignment.list("reviewerId = ?1 AND status = ?2", reviewer.id, Assignment.ACTIVE);
            for (Assignment assignment : assignments) {
                if (Permissions.mayReview(caller, reviewer.eventSlug, true, conflicted(reviewer, assignment.proposalId))) {
                    mine.add(new Visible(reviewer, assignment.proposalId, refs.of(reviewer.id, assignment.proposalId)));
                }
            }
            mine.sort(Comparator.comparing(v -> v.ref().toString()));
            visible.put(reviewer, mine);
        }
        return visible;
    }

    @Transactional
    public List<MyAssignmentView> myAssignments(Caller caller, String event) {
        List<MyAssignmentView> views = new ArrayList<>();
        for (Map.Entry<Reviewer, List<Visible>> mine : visible(caller).entrySet()) {
            Reviewer reviewer = mine.getKey();
            if (event != null && !event.equals(reviewer.eventSlug)) {
                continue;
            }
            ReviewSettings settings = ReviewSettings.findById(reviewer.eventSlug);
            for (Visible assignment : mine.getValue()) {
                views.add(view(assignment, settings));
            }
        }
        return views;
    }

    @Transactional
    public MyAssignmentView myAssignment(Caller caller, UUID ref) {
        Visible assignment = resolve(caller, ref);
        return view(assignment, ReviewSettings.findById(assignment.reviewer().eventSlug));
    }

    @Transactional
    public MyReviewView write(Caller caller, UUID ref, ReviewRequest request) {
        Visible assignment = resolve(caller, ref);
        Reviewer reviewer = assignment.reviewer();
        UUID proposalId = assignment.proposalId();
        ReviewSettings settings = ReviewSettings.findById(reviewer.eventSlug);
        if (settings == null) {
            throw new ProblemException(409, "no-review-settings");
        }
        if (settings.phase == ReviewPhase.CLOSED) {
            throw new ProblemException(409, "review-phase-closed");
        }
        List<Scoring.ScoreError> errors = Scoring.check(settings.criteria, request.scores());
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed",
                    errors.stream().map(e -> new FieldError(e.field(), e.code(), null)).toList());
        }
        Map<String, Integer> scores = Scoring.integers(request.scores());
        Review review = Review.find("proposalId = ?1 AND reviewerId = ?2", proposalId, reviewer.id).firstResult();
        Instant now = Instant.now();
        if (review == null) {
            review = new Review();
            review.eventSlug = reviewer.eventSlug;
            review.proposalId = proposalId;
            review.reviewerId = reviewer.id;
            review.createdAt = now;
        }
        review.scores = scores;
        review.weightedScore = Scoring.weighted(settings.criteria, scores);
        review.comment = request.comment();
        review.confidence = request.confidence();
        review.updatedAt = now;
        if (!em.contains(review)) {
            em.persist(review);
        }
        return MyReviewView.of(review);
    }

    /**
     * The caller's reviewable assignment that this reference stands for, or 404: a proposal id, another reviewer's
     * reference, a lost assignment and an unknown value all get the same answer.
     */
    private Visible resolve(Caller caller, UUID ref) {
        for (List<Visible> mine : visible(caller).values()) {
            for (Visible assignment : mine) {
                if (assignment.ref().equals(ref)) {
                    return assignment;
                }
            }
        }
        throw ProblemException.notFound();
    }

    /** A conflict with the proposal's speakers as they are now: they may have changed since assignment. */
    private static boolean conflicted(Reviewer reviewer, UUID proposalId) {
        ProposalIdentity identity = ProposalIdentity.findById(proposalId);
        List<Conflicts.Speaker> speakers = identity == null || identity.speakers == null ? List.of()
                : identity.speakers.stream().map(s -> new Conflicts.Speaker(s.email(), s.affiliation())).toList();
        return Conflicts.find(
                Conflicts.ReviewerKeys.of(reviewer.subject, reviewer.email, reviewer.affiliation, reviewer.conflicts),
                Conflicts.SpeakerKeys.of(speakers)) != null;
    }

    private static MyAssignmentView view(Visible assignment, ReviewSettings settings) {
        Reviewer reviewer = assignment.reviewer();
        ProposalContent content = ProposalContent.findById(assignment.proposalId());
        Review review = Review.find("proposalId = ?1 AND reviewerId = ?2", assignment.proposalId(), reviewer.id).firstResult();
        return new MyAssignmentView(reviewer.eventSlug, ReviewerProposalView.of(content, assignment.ref()),
                settings == null ? null : settings.phase,
                settings == null || settings.dueAt == null ? null : settings.dueAt.atOffset(ZoneOffset.UTC),
                settings == null ? List.of() : settings.criteria, MyReviewView.of(review));
    }
}
