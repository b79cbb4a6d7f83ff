package dev.lectern.review.problem;

import dev.lectern.platform.problem.ProblemResponses;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** review-service's problems beyond those that follow from an operation's shape, by operationId. */
public class ReviewProblemResponses extends ProblemResponses {

    public ReviewProblemResponses() {
        super(Map.ofEntries(
                        Map.entry("setReviewSettings", List.of(409)),
                        Map.entry("createReviewer", List.of(409)),
                        Map.entry("updateReviewer", List.of(409)),
                        Map.entry("deleteReviewer", List.of(409)),
                        Map.entry("runAssignment", List.of(409)),
                        Map.entry("assignReviewer", List.of(409)),
                        Map.entry("writeMyReview", List.of(409)),
                        Map.entry("getRanking", List.of(409))),
                // every route needs an organizer or reviewer role, of some event at least (Permissions)
                Set.of(403, 500),
                Map.ofEntries(
                        Map.entry(404, "Nothing here, or not the caller's to see (a reviewer's unassigned or conflicted proposal)"),
                        Map.entry(409, "Not possible now: the review phase is closed, the criteria are locked, no review settings yet, "
                                + "or the reviewer, assignment or conflict says no")));
    }
}
