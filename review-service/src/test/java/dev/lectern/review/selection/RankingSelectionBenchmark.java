package dev.lectern.review.selection;

import dev.lectern.review.ranking.Criterion;
import dev.lectern.review.ranking.ProposalRef;
import dev.lectern.review.ranking.Ranker;
import dev.lectern.review.ranking.Ranking;
import dev.lectern.review.ranking.RankingOptions;
import dev.lectern.review.ranking.ReviewScore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Ranking plus selection for a large CFP: 5,000 proposals, 3 reviews each from 300 reviewers (each with their
 * own harshness, so calibration has work to do), 6 tracks, 4 formats, a per-speaker cap. Target: under 1 s.
 *
 * <p>A plain main, not a timed test: timings on a shared 2-core machine are not something a build should
 * fail on. It reports the first (cold) run and the median and worst of the runs after the JIT warmed up.
 *
 * <pre>
 * ./mvnw -q -pl review-service test-compile
 * java -cp review-service/target/classes:review-service/target/test-classes \
 *     dev.lectern.review.selection.RankingSelectionBenchmark
 * </pre>
 */
public final class RankingSelectionBenchmark {

    static final int PROPOSALS = 5_000;
    static final int REVIEWS_PER_PROPOSAL = 3;
    static final int REVIEWERS = 300;
    static final String[] TRACKS = {"ospo-experience", "compliance-legal", "engineering-effectiveness",
            "developer-evangelism", "projects-communities", "research-government"};
    static final String[] FORMATS = {"talk", "debate", "talk-show", "panel"};

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Random random = new Random(2026);
        List<Criterion> criteria = List.of(new Criterion("content", 3, 1, 5), new Criterion("relevance", 2, 1, 5),
                new Criterion("clarity", 1, 1, 5));

        List<ProposalRef> proposals = new ArrayList<>(PROPOSALS);
        Map<String, Set<String>> speakers = new HashMap<>();
        for (int i = 0; i < PROPOSALS; i++) {
            String id = String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", i);
            // About 3,500 speakers for 5,000 proposals: many submit more than one.
            Set<String> keys = i % 10 == 0
                    ? Set.of("speaker-" + random.nextInt(3_500) + "@example.com", "speaker-" + (3_500 + i) + "@example.com")
                    : Set.of("speaker-" + random.nextInt(3_500) + "@example.com");
            ProposalRef proposal = new ProposalRef(id, TRACKS[random.nextInt(TRACKS.length)],
                    FORMATS[random.nextInt(FORMATS.length)], keys);
            proposals.add(proposal);
            speakers.put(id, keys);
        }
        double[] harshness = new double[REVIEWERS];
        for (int r = 0; r < REVIEWERS; r++) {
            harshness[r] = random.nextGaussian() * 0.7;
        }
        List<ReviewScore> reviews = new ArrayList<>(PROPOSALS * REVIEWS_PER_PROPOSAL);
        for (int i = 0; i < PROPOSALS; i++) {
            double quality = 3 + random.nextGaussian();
            for (int k = 0; k < REVIEWS_PER_PROPOSAL; k++) {
                // Three different reviewers per proposal, 50 reviews per reviewer.
                int reviewer = (i * REVIEWS_PER_PROPOSAL + k) % REVIEWERS;
                Map<String, Integer> scores = new HashMap<>();
                for (Criterion criterion : criteria) {
                    long score = Math.round(quality + harshness[reviewer] + random.nextGaussian() * 0.5);
                    scores.put(criterion.key(), (int) Math.max(criterion.min(), Math.min(criterion.max(), score)));
                }
                reviews.add(new ReviewScore(proposals.get(i).proposalId(), "reviewer-" + reviewer, scores));
            }
        }
        SelectionRules.Builder rules = SelectionRules.builder().requiredReviews(REVIEWS_PER_PROPOSAL).maxAcceptedPerSpeaker(2);
        for (String track : TRACKS) {
            rules.track(track, 40);
        }
        rules.format("talk", 150).format("debate", 30).format("talk-show", 30).format("panel", 30);
        SelectionRules selectionRules = rules.pin(proposals.get(17).proposalId(), Pin.ACCEPT)
                .pin(proposals.get(3).proposalId(), Pin.REJECT).build();
        RankingOptions options = RankingOptions.defaults();

        // Wall time, and this thread's CPU time: on a busy shared machine the second says what the code costs.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        long[] rankingNanos = new long[runs];
        Selection selection = null;
        for (int run = 0; run < runs; run++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Ranking ranking = Ranker.rank(criteria, proposals, reviews, options);
            rankingNanos[run] = System.nanoTime() - start;
            selection = Selector.select(ranking, speakers, selectionRules);
            nanos[run] = System.nanoTime() - start;
            cpu[run] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        int warmFrom = Math.min(5, runs - 1);
        long[] warm = sorted(nanos, warmFrom);
        long[] warmCpu = sorted(cpu, warmFrom);
        long[] warmRanking = sorted(rankingNanos, warmFrom);
        System.out.printf(Locale.ROOT, "ranking + selection: %,d proposals, %,d reviews, %d reviewers, %d tracks, %d formats%n",
                PROPOSALS, reviews.size(), REVIEWERS, TRACKS.length, FORMATS.length);
        System.out.printf(Locale.ROOT, "first run (cold JVM): %.1f ms wall, %.1f ms CPU%n", nanos[0] / 1e6, cpu[0] / 1e6);
        System.out.printf(Locale.ROOT, "after warm-up, %d runs: median %.1f ms wall (ranking %.1f ms), worst %.1f ms; "
                        + "median %.1f ms CPU%n", warm.length, median(warm) / 1e6, median(warmRanking) / 1e6,
                warm[warm.length - 1] / 1e6, median(warmCpu) / 1e6);
        System.out.printf(Locale.ROOT, "load average when done: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "decisions: %d accepted, %d waitlisted, %d rejected, %d too few reviews%n",
                selection.with(Outcome.ACCEPT).size(), selection.with(Outcome.WAITLIST).size(),
                selection.with(Outcome.REJECT).size(), selection.with(Outcome.TOO_FEW_REVIEWS).size());
    }

    private static long[] sorted(long[] values, int from) {
        long[] copy = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(copy);
        return copy;
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }
}
