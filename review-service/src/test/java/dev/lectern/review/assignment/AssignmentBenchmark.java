package dev.lectern.review.assignment;

import dev.lectern.review.assignment.AssignmentSolver.Input;
import dev.lectern.review.assignment.AssignmentSolver.ProposalInput;
import dev.lectern.review.assignment.AssignmentSolver.Result;
import dev.lectern.review.assignment.AssignmentSolver.ReviewerInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A plain benchmark of {@link AssignmentSolver}, not a test: 5,000 proposals, 300 reviewers, 3 reviews each,
 * six tracks, 1 to 3 speakers per proposal from 400 organisations written in varying forms, 2 tracks and 1 to
 * 3 declared conflicts per reviewer. It times the solver only (no database), a fresh run each time after
 * warm-up, and checks the result's properties so a fast wrong answer does not pass for a fast one.
 *
 * <pre>
 * ./mvnw -q test-compile -pl review-service
 * java -cp review-service/target/classes:review-service/target/test-classes \
 *     dev.lectern.review.assignment.AssignmentBenchmark [proposals] [reviewers] [reviewsPerProposal] [runs]
 * </pre>
 */
public final class AssignmentBenchmark {

    private AssignmentBenchmark() {
    }

    public static void main(String[] args) {
        int proposals = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int reviewers = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int reviews = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Input input = generate(proposals, reviewers, reviews, new Random(42));

        for (int i = 0; i < 2; i++) {
            AssignmentSolver.solve(input);
        }
        long[] millis = new long[runs];
        Result result = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            result = AssignmentSolver.solve(input);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long expertise = result.created().stream().filter(AssignmentSolver.Created::expertise).count();
        int minLoad = Collections.min(result.loads().values());
        int maxLoad = Collections.max(result.loads().values());
        int missing = result.shortfalls().stream().mapToInt(AssignmentSolver.Shortfall::missing).sum();
        System.out.printf("assignment: %d proposals, %d reviewers, %d reviews each, %d cores, Java %s%n",
                proposals, reviewers, reviews, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("runs (ms): %s; median %d ms, best %d ms, worst %d ms%n", Arrays.toString(millis),
                sorted[runs / 2], sorted[0], sorted[runs - 1]);
        System.out.printf("created %d, missing %d in %d proposals, loads %d..%d, expertise %.1f%%%n",
                result.created().size(), missing, result.shortfalls().size(), minLoad, maxLoad,
                100.0 * expertise / Math.max(1, result.created().size()));
        verify(input, result);
        System.out.println("checked: no conflicted pair, no duplicate, every maximum kept");
    }

    static Input generate(int proposalCount, int reviewerCount, int reviews, Random random) {
        String[] tracks = {"ospo-experience", "compliance-legal", "engineering-effectiveness", "developer-relations",
                "communities", "research-government"};
        String[] forms = {"%s", "%s Inc.", "%s Co., Ltd.", "%s LLC", "%s有限公司", "%s GmbH", "%s Corporation"};
        List<ProposalInput> proposals = new ArrayList<>();
        for (int i = 0; i < proposalCount; i++) {
            int speakers = 1 + random.nextInt(3);
            List<Conflicts.Speaker> people = new ArrayList<>();
            for (int s = 0; s < speakers; s++) {
                int organisation = random.nextInt(400);
                people.add(new Conflicts.Speaker("speaker" + random.nextInt(8000) + "@example.org",
                        forms[random.nextInt(forms.length)].formatted("Organisation " + organisation)));
            }
            proposals.add(new ProposalInput("p%05d".formatted(i), tracks[random.nextInt(tracks.length)], people));
        }
        List<ReviewerInput> reviewerInputs = new ArrayList<>();
        int maximum = (int) Math.ceil(1.2 * proposalCount * reviews / reviewerCount);
        for (int j = 0; j < reviewerCount; j++) {
            List<String> conflicts = new ArrayList<>();
            for (int c = random.nextInt(3) + 1; c > 0; c--) {
                conflicts.add(random.nextBoolean() ? "speaker" + random.nextInt(8000) + "@example.org"
                        : "organisation " + random.nextInt(400));
            }
            reviewerInputs.add(new ReviewerInput("r%03d".formatted(j), "reviewer-" + j, "reviewer" + j + "@example.net",
                    forms[random.nextInt(forms.length)].formatted("Organisation " + random.nextInt(400)),
                    new java.util.HashSet<>(List.of(tracks[random.nextInt(tracks.length)],
                            tracks[random.nextInt(tracks.length)])),
                    maximum, conflicts));
        }
        return new Input(proposals, reviewerInputs, List.of(), reviews);
    }

    private static void verify(Input input, Result result) {
        java.util.Map<String, ReviewerInput> reviewers = new java.util.HashMap<>();
        input.reviewers().forEach(r -> reviewers.put(r.id(), r));
        java.util.Map<String, ProposalInput> proposals = new java.util.HashMap<>();
        input.proposals().forEach(p -> proposals.put(p.id(), p));
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (AssignmentSolver.Created created : result.created()) {
            ReviewerInput r = reviewers.get(created.reviewerId());
            ProposalInput p = proposals.get(created.proposalId());
            if (Conflicts.find(Conflicts.ReviewerKeys.of(r.subject(), r.email(), r.affiliation(), r.conflicts()),
                    Conflicts.SpeakerKeys.of(p.speakers())) != null) {
                throw new IllegalStateException("conflicted pair " + created);
            }
            if (!pairs.add(created.proposalId() + "/" + created.reviewerId())) {
                throw new IllegalStateException("duplicate pair " + created);
            }
        }
        result.loads().forEach((id, load) -> {
            if (load > reviewers.get(id).maxAssignments()) {
                throw new IllegalStateException("over maximum: " + id);
            }
        });
    }
}
