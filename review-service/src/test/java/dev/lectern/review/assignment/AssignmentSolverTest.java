package dev.lectern.review.assignment;

import dev.lectern.review.assignment.AssignmentSolver.Created;
import dev.lectern.review.assignment.AssignmentSolver.Input;
import dev.lectern.review.assignment.AssignmentSolver.Pair;
import dev.lectern.review.assignment.AssignmentSolver.ProposalInput;
import dev.lectern.review.assignment.AssignmentSolver.Reason;
import dev.lectern.review.assignment.AssignmentSolver.Result;
import dev.lectern.review.assignment.AssignmentSolver.ReviewerInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignmentSolverTest {

    static ProposalInput proposal(String id, String track, String email, String affiliation) {
        return new ProposalInput(id, track, List.of(new Conflicts.Speaker(email, affiliation)));
    }

    static ReviewerInput reviewer(String id, String affiliation, Set<String> tracks, int max, String... conflicts) {
        return new ReviewerInput(id, "sub-" + id, id + "@reviewers.test", affiliation, tracks, max, List.of(conflicts));
    }

    static Set<String> reviewersOf(Result result, String proposalId) {
        return result.created().stream().filter(c -> c.proposalId().equals(proposalId))
                .map(Created::reviewerId).collect(Collectors.toSet());
    }

    @Test
    void aReviewerNeverReviewsSomeoneFromTheirOwnOrganisationWhateverTheSpelling() {
        List<ProposalInput> proposals = List.of(
                proposal("p1", "t", "a@x.test", "Example Tech Co., Ltd."),
                proposal("p2", "t", "b@x.test", "示例科技有限公司"));
        List<ReviewerInput> reviewers = List.of(
                reviewer("r1", "example tech", Set.of(), 10),
                reviewer("r2", "示例科技", Set.of(), 10),
                reviewer("r3", "Other Org", Set.of(), 10));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 2));

        assertFalse(reviewersOf(result, "p1").contains("r1"));
        assertFalse(reviewersOf(result, "p2").contains("r2"));
        assertEquals(Set.of("r2", "r3"), reviewersOf(result, "p1"));
        assertEquals(Set.of("r1", "r3"), reviewersOf(result, "p2"));
        assertTrue(result.shortfalls().isEmpty());
    }

    @Test
    void declaredConflictsWithAPersonOrAnOrganisationAreRespected() {
        List<ProposalInput> proposals = List.of(
                proposal("p1", "t", "Friend@Example.org", "Lone Org"),
                proposal("p2", "t", "c@y.test", "Rival Systems Inc."));
        List<ReviewerInput> reviewers = List.of(
                reviewer("r1", null, Set.of(), 10, "friend@example.org"),
                reviewer("r2", null, Set.of(), 10, "rival systems"),
                reviewer("r3", null, Set.of(), 10));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 2));

        assertEquals(Set.of("r2", "r3"), reviewersOf(result, "p1"));
        assertEquals(Set.of("r1", "r3"), reviewersOf(result, "p2"));
    }

    @Test
    void aReviewerNeverReviewsTheirOwnProposalByEmailOrSubject() {
        List<ProposalInput> proposals = List.of(
                proposal("p1", "t", "r1@reviewers.test", null),
                proposal("p2", "t", "sub-r2", null));
        List<ReviewerInput> reviewers = List.of(
                reviewer("r1", null, Set.of(), 10),
                reviewer("r2", null, Set.of(), 10),
                reviewer("r3", null, Set.of(), 10));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 2));

        assertEquals(Set.of("r2", "r3"), reviewersOf(result, "p1"));
        assertEquals(Set.of("r1", "r3"), reviewersOf(result, "p2"));
    }

    @Test
    void loadsStayWithinOneOfEachOtherAndUnderEachMaximum() {
        Random random = new Random(7);
        List<ProposalInput> proposals = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            proposals.add(proposal("p%03d".formatted(i), "t" + random.nextInt(3), "s" + i + "@x.test", "Org " + random.nextInt(8)));
        }
        List<ReviewerInput> reviewers = new ArrayList<>();
        for (int j = 0; j < 13; j++) {
            reviewers.add(reviewer("r%02d".formatted(j), "Org " + j, Set.of("t" + (j % 3)), j == 0 ? 5 : 40));
        }
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 3));

        assertTrue(result.shortfalls().isEmpty(), result.shortfalls().toString());
        assertEquals(303, result.created().size());
        assertEquals(5, result.loads().get("r00"));
        List<Integer> others = result.loads().entrySet().stream().filter(e -> !e.getKey().equals("r00"))
                .map(java.util.Map.Entry::getValue).toList();
        assertTrue(Collections.max(others) - Collections.min(others) <= 1, result.loads().toString());
    }

    @Test
    void trackExpertiseIsPreferredWhenLoadsAllowIt() {
        List<ProposalInput> proposals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            proposals.add(proposal("p" + i, i < 3 ? "legal" : "community", "s" + i + "@x.test", null));
        }
        List<ReviewerInput> reviewers = List.of(
                reviewer("a-generalist", null, Set.of(), 10),
                reviewer("b-lawyer", null, Set.of("legal"), 10),
                reviewer("c-community", null, Set.of("community"), 10));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 1));

        for (Created created : result.created()) {
            boolean legal = Integer.parseInt(created.proposalId().substring(1)) < 3;
            if (!created.reviewerId().equals("a-generalist")) {
                assertEquals(legal ? "b-lawyer" : "c-community", created.reviewerId(), created.toString());
            }
        }
        assertTrue(result.created().stream().filter(Created::expertise).count() >= 4, result.created().toString());
        assertEquals(2, result.loads().get("a-generalist"));
    }

    @Test
    void theSameInputGivesTheSameAssignmentsWhateverItsOrder() {
        Random random = new Random(11);
        List<ProposalInput> proposals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            proposals.add(proposal("p" + i, "t" + random.nextInt(4), "s" + i + "@x.test", "Org " + random.nextInt(20)));
        }
        List<ReviewerInput> reviewers = new ArrayList<>();
        for (int j = 0; j < 25; j++) {
            reviewers.add(reviewer("r" + j, "Org " + random.nextInt(20), Set.of("t" + random.nextInt(4)), 30));
        }
        Result first = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 3));
        List<ProposalInput> shuffledProposals = new ArrayList<>(proposals);
        List<ReviewerInput> shuffledReviewers = new ArrayList<>(reviewers);
        Collections.shuffle(shuffledProposals, new Random(1));
        Collections.shuffle(shuffledReviewers, new Random(2));
        Result second = AssignmentSolver.solve(new Input(shuffledProposals, shuffledReviewers, List.of(), 3));

        assertEquals(first, second);
    }

    @Test
    void reRunningKeepsExistingAssignmentsAndOnlyServesWhatIsMissing() {
        List<ProposalInput> proposals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            proposals.add(proposal("p" + i, "t", "s" + i + "@x.test", null));
        }
        List<ReviewerInput> reviewers = List.of(reviewer("r1", null, Set.of(), 20), reviewer("r2", null, Set.of(), 20),
                reviewer("r3", null, Set.of(), 20));
        Result first = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 2));
        List<Pair> existing = first.created().stream().map(c -> new Pair(c.proposalId(), c.reviewerId())).toList();

        List<ProposalInput> more = new ArrayList<>(proposals);
        more.add(proposal("p10", "t", "s10@x.test", null));
        Result second = AssignmentSolver.solve(new Input(more, reviewers, existing, 2));

        assertEquals(2, second.created().size());
        assertTrue(second.created().stream().allMatch(c -> c.proposalId().equals("p10")));
        assertEquals(22, second.loads().values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(Collections.max(second.loads().values()) - Collections.min(second.loads().values()) <= 1);
    }

    @Test
    void whatCannotBeSatisfiedIsReportedWithItsReason() {
        List<ProposalInput> proposals = List.of(
                proposal("p-conflicted", "t", "a@x.test", "Example Tech Co., Ltd."),
                proposal("p-full", "t", "b@x.test", "Elsewhere"));
        List<ReviewerInput> reviewers = List.of(
                reviewer("r1", "Example Tech", Set.of(), 1),
                reviewer("r2", "EXAMPLE TECH INC", Set.of(), 1));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 3));

        assertEquals(2, result.created().size());
        assertEquals(2, result.shortfalls().size());
        AssignmentSolver.Shortfall conflicted = result.shortfalls().get(0);
        assertEquals("p-conflicted", conflicted.proposalId());
        assertEquals(3, conflicted.missing());
        assertEquals(Reason.ALL_CONFLICTED, conflicted.reason());
        AssignmentSolver.Shortfall short_ = result.shortfalls().get(1);
        assertEquals("p-full", short_.proposalId());
        assertEquals(1, short_.missing());
        assertEquals(Reason.TOO_FEW_REVIEWERS, short_.reason());
    }

    @Test
    void fullReviewersAreReportedAsTheReason() {
        List<ProposalInput> proposals = List.of(
                proposal("p1", "t", "a@x.test", null), proposal("p2", "t", "b@x.test", null),
                proposal("p3", "t", "c@x.test", null));
        List<ReviewerInput> reviewers = List.of(reviewer("r1", null, Set.of(), 1), reviewer("r2", null, Set.of(), 1));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 1));

        assertEquals(1, result.shortfalls().size());
        assertEquals(Reason.ALL_FULL, result.shortfalls().get(0).reason());
    }

    @Test
    void theMostConstrainedProposalIsServedFirst() {
        // p-hard can only go to r1; served in id order, p-easy would take r1 first and leave p-hard without one.
        List<ProposalInput> proposals = List.of(
                proposal("p-easy", "t", "a@x.test", null),
                proposal("p-hard", "t", "b@x.test", "Org Two"));
        List<ReviewerInput> reviewers = List.of(reviewer("r1", null, Set.of(), 1), reviewer("r2", "Org Two", Set.of(), 1));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(), 1));

        assertTrue(result.shortfalls().isEmpty(), result.toString());
        assertEquals(Set.of("r1"), reviewersOf(result, "p-hard"));
        assertEquals(Set.of("r2"), reviewersOf(result, "p-easy"));
    }

    @Test
    void anExistingAssignmentThatBecameAConflictIsKeptButReported() {
        List<ProposalInput> proposals = List.of(proposal("p1", "t", "a@x.test", "Example Tech"));
        List<ReviewerInput> reviewers = List.of(reviewer("r1", "example tech ltd", Set.of(), 5),
                reviewer("r2", null, Set.of(), 5));
        Result result = AssignmentSolver.solve(new Input(proposals, reviewers, List.of(new Pair("p1", "r1")), 2));

        assertEquals(1, result.existingConflicts().size());
        assertEquals(Conflicts.Kind.AFFILIATION, result.existingConflicts().get(0).kind());
        assertEquals(Set.of("r2"), reviewersOf(result, "p1"));
        assertEquals(new HashSet<>(List.of(1)), new HashSet<>(result.loads().values()));
    }
}
