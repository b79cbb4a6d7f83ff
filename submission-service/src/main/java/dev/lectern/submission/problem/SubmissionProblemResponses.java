package dev.lectern.submission.problem;

import dev.lectern.platform.problem.ProblemResponses;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** submission-service's problems beyond those that follow from an operation's shape, by operationId. */
public class SubmissionProblemResponses extends ProblemResponses {

    public SubmissionProblemResponses() {
        super(Map.ofEntries(
                        // calls without a token are rate-limited per address (RateLimitFilter)
                        Map.entry("listEvents", List.of(429)),
                        Map.entry("getEvent", List.of(429)),
                        Map.entry("createEvent", List.of(403, 409)),
                        Map.entry("updateEvent", List.of(403, 409, 412, 428)),
                        // submissions are rate-limited per subject
                        Map.entry("createProposal", List.of(403, 409, 422, 429)),
                        Map.entry("listEventProposals", List.of(403)),
                        Map.entry("countEventProposals", List.of(403)),
                        Map.entry("updateProposal", List.of(409, 412, 428)),
                        Map.entry("submitProposal", List.of(400, 409)),
                        Map.entry("withdrawProposal", List.of(409)),
                        Map.entry("confirmProposal", List.of(409)),
                        Map.entry("declineProposal", List.of(409)),
                        Map.entry("importProposals", List.of(403, 415)),
                        Map.entry("listImports", List.of(403)),
                        Map.entry("getImport", List.of(403))),
                Set.of(500),
                Map.ofEntries(
                        Map.entry(409, "Not possible now: the proposal's status does not allow the step, the CFP is closed, the slug is taken, "
                                + "or an event change removes a track, format or language that proposals use"),
                        Map.entry(412, "If-Match names an older version; read the proposal (or event) again"),
                        Map.entry(422, "The Idempotency-Key was used before with a different body"),
                        Map.entry(428, "If-Match is missing")));
    }
}
