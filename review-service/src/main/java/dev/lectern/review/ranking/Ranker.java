package dev.lectern.review.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks an event's proposals from their reviews.
 *
 * <p>A review's <em>weighted score</em> is the weighted mean of its criteria, each first placed on 0..1 by
 * its own min and max and then put on the event's common scale (the weighted mean of the criteria's mins
 * and maxes). When every criterion shares one scale, say 1..5, this is simply {@code Σ weight·score / Σ weight}.
 *
 * <p>Reviewers score on their own scales: some never give more than 3, some never less than 4. A reviewer
 * with at least {@link RankingOptions#minReviewsToCalibrate()} reviews and some spread is <em>calibrated</em>:
 * each of their weighted scores becomes {@code pooledMean + (score − reviewerMean) / reviewerStdDev · pooledStdDev},
 * where the pooled mean and standard deviation are those of all reviews. So a harsh and a generous reviewer who
 * order their proposals alike give them the same calibrated scores. Other reviewers' scores are kept as given,
 * and the explanation says so. Calibrated scores are not clamped to the scale: clamping would tie the extremes.
 *
 * <p>Order, best first: the chosen key (raw weighted mean or calibrated score), then the other score, then
 * more reviews, then lower spread, then proposal id. Scores are compared at 9 decimals, so that two scores
 * equal on paper but computed along different paths count as a tie and the stated rule decides.
 */
public final class Ranker {

    private static final double NO_SPREAD = 1e-9;

    private Ranker() {
    }

    public static Ranking rank(List<Criterion> criteria, List<ProposalRef> proposals, List<ReviewScore> reviews,
                               RankingOptions options) {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one criterion to rank");
        }
        Scale scale = new Scale(criteria);

        // Every review passed informs its reviewer's scale, also reviews of proposals not ranked here.
        Map<String, List<ReviewScore>> byProposal = new HashMap<>();
        Map<String, List<Double>> byReviewer = new TreeMap<>();
        // By identity: two reviews with the same content are still two reviews.
        Map<ReviewScore, Double> weightOf = new IdentityHashMap<>();
        double[] all = new double[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            ReviewScore review = reviews.get(i);
            all[i] = scale.weightedScore(review);
            weightOf.put(review, all[i]);
            byProposal.computeIfAbsent(review.proposalId(), k -> new ArrayList<>()).add(review);
            byReviewer.computeIfAbsent(review.reviewerId(), k -> new ArrayList<>()).add(all[i]);
        }

        double pooledMean = mean(all);
        double pooledStdDev = stdDev(all, pooledMean);
        Map<String, ReviewerCalibration> calibrations = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> entry : byReviewer.entrySet()) {
            double[] scores = entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = mean(scores);
            double sd = stdDev(scores, mean);
            CalibrationStatus status = scores.length < options.minReviewsToCalibrate()
                    ? CalibrationStatus.TOO_FEW_REVIEWS
                    : sd <= NO_SPREAD ? CalibrationStatus.NO_SPREAD : CalibrationStatus.CALIBRATED;
            calibrations.put(entry.getKey(), new ReviewerCalibration(entry.getKey(), scores.length, mean, sd, status));
        }

        List<RankedProposal> scored = new ArrayList<>(proposals.size());
        for (ProposalRef proposal : proposals) {
            List<ReviewScore> its = byProposal.getOrDefault(proposal.proposalId(), List.of());
            scored.add(score(proposal, its, weightOf, calibrations, criteria, pooledMean, pooledStdDev, options));
        }
        scored.sort(order(options.key()));
        return new Ranking(options, assignRanks(scored), List.copyOf(calibrations.values()), pooledMean, pooledStdDev);
    }

    /**
     * Best first: the key, then the other score, then more reviews, then lower spread, then proposal id;
     * unreviewed proposals last, by id.
     */
    public static Comparator<RankedProposal> order(RankingOptions.Key key) {
        Comparator<RankedProposal> primary = Comparator.comparingLong(
                (RankedProposal p) -> quantised(key == RankingOptions.Key.RAW ? p.weightedMean() : p.calibratedScore()))
                .reversed();
        Comparator<RankedProposal> secondary = Comparator.comparingLong(
                (RankedProposal p) -> quantised(key == RankingOptions.Key.RAW ? p.calibratedScore() : p.weightedMean()))
                .reversed();
        Comparator<RankedProposal> reviewed = Comparator.comparing(p -> !p.reviewed());
        return reviewed.thenComparing(primary).thenComparing(secondary)
                .thenComparing(Comparator.comparingInt(RankedProposal::reviewCount).reversed())
                .thenComparingLong(p -> quantised(p.spread()))
                .thenComparing(RankedProposal::proposalId);
    }

    private static long quantised(Double value) {
        return value == null ? Long.MIN_VALUE : Math.round(value * 1e9);
    }

    private static RankedProposal score(ProposalRef proposal, List<ReviewScore> reviews,
                                        Map<ReviewScore, Double> weightOf, Map<String, ReviewerCalibration> calibrations,
                                        List<Criterion> criteria, double pooledMean, double pooledStdDev,
                                        RankingOptions options) {
        Map<String, Double> criterionMeans = new LinkedHashMap<>();
        if (reviews.isEmpty()) {
            return new RankedProposal(proposal.proposalId(), proposal.track(), proposal.format(), 0,
                    null, null, null, null, false, null, null,
                    new Explanation(criterionMeans, List.of(), List.of("no review yet")));
        }
        for (Criterion criterion : criteria) {
            double sum = 0;
            int count = 0;
            for (ReviewScore review : reviews) {
                Integer value = review.scores().get(criterion.key());
                if (value != null) {
                    sum += value;
                    count++;
                }
            }
            if (count > 0) {
                criterionMeans.put(criterion.key(), sum / count);
            }
        }

        List<ReviewScore> ordered = new ArrayList<>(reviews);
        ordered.sort(Comparator.comparing(ReviewScore::reviewerId));
        double[] raw = new double[ordered.size()];
        double[] calibrated = new double[ordered.size()];
        List<ReviewerContribution> contributions = new ArrayList<>(ordered.size());
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ReviewScore review = ordered.get(i);
            ReviewerCalibration reviewer = calibrations.get(review.reviewerId());
            raw[i] = weightOf.get(review);
            calibrated[i] = reviewer.calibrated()
                    ? pooledMean + (raw[i] - reviewer.mean()) / reviewer.stdDev() * pooledStdDev
                    : raw[i];
            contributions.add(new ReviewerContribution(review.reviewerId(), raw[i], calibrated[i],
                    reviewer.status(), reviewer.reviewCount()));
            notes.add(switch (reviewer.status()) {
                case CALIBRATED -> "reviewer " + review.reviewerId() + ": calibrated from " + two(raw[i]) + " to "
                        + two(calibrated[i]) + " (their mean " + two(reviewer.mean()) + ", std dev "
                        + two(reviewer.stdDev()) + ")";
                case TOO_FEW_REVIEWS -> "reviewer " + review.reviewerId() + ": " + two(raw[i]) + " left uncalibrated, "
                        + reviewer.reviewCount() + " review(s) is fewer than the " + options.minReviewsToCalibrate()
                        + " calibration needs";
                case NO_SPREAD -> "reviewer " + review.reviewerId() + ": " + two(raw[i])
                        + " left uncalibrated, they gave every proposal the same score";
            });
        }
        double weightedMean = mean(raw);
        double spread = options.spreadMeasure() == RankingOptions.SpreadMeasure.STD_DEV
                ? stdDev(raw, weightedMean)
                : max(raw) - min(raw);
        boolean discuss = spread > options.discussAbove();
        if (discuss) {
            notes.add("reviewers disagree: spread " + two(spread) + " is above " + two(options.discussAbove()) + ", discuss");
        }
        return new RankedProposal(proposal.proposalId(), proposal.track(), proposal.format(), reviews.size(),
                weightedMean, median(raw), mean(calibrated), spread, discuss, null, null,
                new Explanation(criterionMeans, contributions, notes));
    }

    private static List<RankedProposal> assignRanks(List<RankedProposal> sorted) {
        List<RankedProposal> ranked = new ArrayList<>(sorted.size());
        Map<String, Integer> inTrack = new HashMap<>();
        int rank = 0;
        for (RankedProposal p : sorted) {
            if (!p.reviewed()) {
                ranked.add(p);
                continue;
            }
            rank++;
            int trackRank = inTrack.merge(p.track(), 1, Integer::sum);
            ranked.add(new RankedProposal(p.proposalId(), p.track(), p.format(), p.reviewCount(), p.weightedMean(),
                    p.median(), p.calibratedScore(), p.spread(), p.discuss(), rank, trackRank, p.explanation()));
        }
        return ranked;
    }

    /** The event's common scale and how a review's criteria are weighted onto it. */
    private static final class Scale {
        private final Map<String, Criterion> criteria = new HashMap<>();
        private final double low;
        private final double high;

        Scale(List<Criterion> list) {
            double weights = 0;
            double lows = 0;
            double highs = 0;
            for (Criterion criterion : list) {
                if (criteria.put(criterion.key(), criterion) != null) {
                    throw new IllegalArgumentException("criterion " + criterion.key() + " appears twice");
                }
                weights += criterion.weight();
                lows += criterion.weight() * criterion.min();
                highs += criterion.weight() * criterion.max();
            }
            low = lows / weights;
            high = highs / weights;
        }

        /** Criteria the review left out do not count; scores for unknown criteria are ignored. */
        double weightedScore(ReviewScore review) {
            double weights = 0;
            double sum = 0;
            for (Map.Entry<String, Integer> score : review.scores().entrySet()) {
                Criterion criterion = criteria.get(score.getKey());
                if (criterion == null) {
                    continue;
                }
                weights += criterion.weight();
                sum += criterion.weight() * (score.getValue() - criterion.min()) / (double) (criterion.max() - criterion.min());
            }
            if (weights == 0) {
                throw new IllegalArgumentException("review of " + review.proposalId() + " by " + review.reviewerId()
                        + " scores none of the event's criteria");
            }
            return low + (high - low) * sum / weights;
        }
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Population standard deviation: it describes the scores given, it estimates nothing beyond them. */
    static double stdDev(double[] values, double mean) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    /** Two decimals, half up; by hand because String.format cost more than the whole ranking at 15,000 reviews. */
    static String two(double value) {
        long hundredths = Math.round(Math.abs(value) * 100);
        String sign = value < 0 && hundredths > 0 ? "-" : "";
        long fraction = hundredths % 100;
        return sign + hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
