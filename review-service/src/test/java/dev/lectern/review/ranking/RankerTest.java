package dev.lectern.review.ranking;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankerTest {

    static final double EPS = 1e-9;
    /** Content weighs twice as much as delivery; both from 1 to 5. */
    static final List<Criterion> CRITERIA = List.of(new Criterion("content", 2, 1, 5), new Criterion("delivery", 1, 1, 5));

    static ProposalRef proposal(String id, String track) {
        return new ProposalRef(id, track, "talk", Set.of());
    }

    /** A review whose weighted score is {@code score}: both criteria get it. */
    static ReviewScore review(String proposal, String reviewer, int score) {
        return new ReviewScore(proposal, reviewer, Map.of("content", score, "delivery", score));
    }

    static RankedProposal find(Ranking ranking, String id) {
        return ranking.proposals().stream().filter(p -> p.proposalId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void weightedMeanMedianAndCriterionBreakdown() {
        // (2·5 + 1·2) / 3 = 4; (2·3 + 1·3) / 3 = 3; (2·2 + 1·5) / 3 = 3: mean 10/3, median 3.
        List<ReviewScore> reviews = List.of(
                new ReviewScore("p1", "r1", Map.of("content", 5, "delivery", 2)),
                new ReviewScore("p1", "r2", Map.of("content", 3, "delivery", 3)),
                new ReviewScore("p1", "r3", Map.of("content", 2, "delivery", 5)));
        Ranking ranking = Ranker.rank(CRITERIA, List.of(proposal("p1", "a")), reviews, RankingOptions.defaults());

        RankedProposal p1 = find(ranking, "p1");
        assertEquals(3, p1.reviewCount());
        assertEquals(10.0 / 3, p1.weightedMean(), EPS);
        assertEquals(3.0, p1.median(), EPS);
        assertEquals(10.0 / 3, p1.explanation().criterionMeans().get("content"), EPS);
        assertEquals(10.0 / 3, p1.explanation().criterionMeans().get("delivery"), EPS);
        // Scores 4, 3, 3: population std dev sqrt(2/9).
        assertEquals(Math.sqrt(2.0 / 9), p1.spread(), EPS);
        assertEquals(1, p1.rank());
        assertEquals(1, p1.rankInTrack());
    }

    @Test
    void criteriaOnDifferentScalesAreWeightedOnTheirOwnRange() {
        // content 1..5 (weight 1) and novelty 0..10 (weight 1): common scale 0.5..7.5.
        // content 5 is the top (1.0), novelty 0 the bottom (0.0): halfway, 4.0.
        List<Criterion> criteria = List.of(new Criterion("content", 1, 1, 5), new Criterion("novelty", 1, 0, 10));
        Ranking ranking = Ranker.rank(criteria, List.of(proposal("p1", "a")),
                List.of(new ReviewScore("p1", "r1", Map.of("content", 5, "novelty", 0))), RankingOptions.defaults());
        assertEquals(4.0, find(ranking, "p1").weightedMean(), EPS);
    }

    @Test
    void harshAndGenerousReviewersEndWithEqualCalibratedScores() {
        // The harsh reviewer gives 1, 2, 3 to a1..a3; the generous one 3, 4, 5 to b1..b3: the same judgement on
        // two scales. Pooled scores {1,2,3,3,4,5}: mean 3, std dev sqrt(10/6). Each reviewer: std dev sqrt(2/3),
        // so one step from their own mean is sqrt(10/6) / sqrt(2/3) = sqrt(2.5) on the pooled scale.
        List<ReviewScore> reviews = List.of(
                review("a1", "harsh", 1), review("a2", "harsh", 2), review("a3", "harsh", 3),
                review("b1", "generous", 3), review("b2", "generous", 4), review("b3", "generous", 5));
        List<ProposalRef> proposals = List.of(proposal("a1", "t"), proposal("a2", "t"), proposal("a3", "t"),
                proposal("b1", "t"), proposal("b2", "t"), proposal("b3", "t"));
        Ranking ranking = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults());

        assertEquals(3.0, ranking.pooledMean(), EPS);
        assertEquals(Math.sqrt(10.0 / 6), ranking.pooledStdDev(), EPS);
        assertEquals(3 - Math.sqrt(2.5), find(ranking, "a1").calibratedScore(), EPS);
        assertEquals(3 - Math.sqrt(2.5), find(ranking, "b1").calibratedScore(), EPS);
        assertEquals(3.0, find(ranking, "a2").calibratedScore(), EPS);
        assertEquals(3.0, find(ranking, "b2").calibratedScore(), EPS);
        assertEquals(3 + Math.sqrt(2.5), find(ranking, "a3").calibratedScore(), EPS);
        assertEquals(3 + Math.sqrt(2.5), find(ranking, "b3").calibratedScore(), EPS);
        // Equal calibrated scores are ordered by the raw score: the generous reviewer's proposal first.
        assertEquals(List.of("b3", "a3", "b2", "a2", "b1", "a1"), ids(ranking));

        ReviewerContribution harsh = find(ranking, "a1").explanation().reviewers().get(0);
        assertEquals(CalibrationStatus.CALIBRATED, harsh.calibration());
        assertEquals(1.0, harsh.raw(), EPS);
        assertEquals(3 - Math.sqrt(2.5), harsh.calibrated(), EPS);
        assertTrue(find(ranking, "a1").explanation().notes().get(0).contains("calibrated from 1.00 to 1.42"),
                find(ranking, "a1").explanation().notes().toString());
    }

    @Test
    void harshAndGenerousReviewersOfTheSameProposalsContributeTheSame() {
        List<ReviewScore> reviews = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            reviews.add(review("p" + i, "harsh", i));
            reviews.add(review("p" + i, "generous", i + 2));
        }
        Ranking ranking = Ranker.rank(CRITERIA,
                List.of(proposal("p1", "t"), proposal("p2", "t"), proposal("p3", "t")), reviews, RankingOptions.defaults());
        for (RankedProposal p : ranking.proposals()) {
            List<ReviewerContribution> two = p.explanation().reviewers();
            assertEquals(two.get(0).calibrated(), two.get(1).calibrated(), EPS);
            assertEquals(p.calibratedScore(), two.get(0).calibrated(), EPS);
            // Raw, the generous reviewer is two points above the harsh one on every proposal.
            assertEquals(2.0, two.get(0).raw() - two.get(1).raw(), EPS);
        }
    }

    @Test
    void reviewerWithTooFewReviewsIsLeftUncalibratedAndTheExplanationSaysSo() {
        List<ReviewScore> reviews = List.of(
                review("p1", "steady", 2), review("p2", "steady", 3), review("p3", "steady", 4),
                review("p1", "newcomer", 5), review("p2", "newcomer", 1));
        Ranking ranking = Ranker.rank(CRITERIA,
                List.of(proposal("p1", "t"), proposal("p2", "t"), proposal("p3", "t")), reviews, RankingOptions.defaults());

        ReviewerCalibration newcomer = ranking.reviewers().stream()
                .filter(r -> r.reviewerId().equals("newcomer")).findFirst().orElseThrow();
        assertEquals(CalibrationStatus.TOO_FEW_REVIEWS, newcomer.status());
        assertEquals(2, newcomer.reviewCount());

        RankedProposal p1 = find(ranking, "p1");
        ReviewerContribution contribution = p1.explanation().reviewers().stream()
                .filter(c -> c.reviewerId().equals("newcomer")).findFirst().orElseThrow();
        assertEquals(CalibrationStatus.TOO_FEW_REVIEWS, contribution.calibration());
        assertEquals(5.0, contribution.raw(), EPS);
        assertEquals(5.0, contribution.calibrated(), EPS);
        assertTrue(p1.explanation().notes().stream().anyMatch(n ->
                n.contains("newcomer") && n.contains("left uncalibrated") && n.contains("2 review(s) is fewer than the 3")),
                p1.explanation().notes().toString());

        // With the bar at 2, the newcomer is calibrated too.
        Ranking lower = Ranker.rank(CRITERIA, List.of(proposal("p1", "t")), reviews,
                RankingOptions.defaults().withMinReviewsToCalibrate(2));
        assertTrue(lower.reviewers().stream().allMatch(ReviewerCalibration::calibrated));
    }

    @Test
    void reviewerWhoGivesEveryoneTheSameScoreIsLeftUncalibrated() {
        List<ReviewScore> reviews = List.of(review("p1", "flat", 4), review("p2", "flat", 4), review("p3", "flat", 4));
        Ranking ranking = Ranker.rank(CRITERIA,
                List.of(proposal("p1", "t"), proposal("p2", "t"), proposal("p3", "t")), reviews, RankingOptions.defaults());
        RankedProposal p1 = find(ranking, "p1");
        assertEquals(CalibrationStatus.NO_SPREAD, p1.explanation().reviewers().get(0).calibration());
        assertEquals(4.0, p1.calibratedScore(), EPS);
        assertTrue(p1.explanation().notes().get(0).contains("same score"));
    }

    @Test
    void spreadFlagsProposalsToDiscuss() {
        List<ReviewScore> reviews = List.of(review("split", "r1", 1), review("split", "r2", 5),
                review("agreed", "r1", 4), review("agreed", "r2", 4));
        List<ProposalRef> proposals = List.of(proposal("split", "t"), proposal("agreed", "t"));

        Ranking byStdDev = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults());
        assertEquals(2.0, find(byStdDev, "split").spread(), EPS);
        assertTrue(find(byStdDev, "split").discuss());
        assertTrue(find(byStdDev, "split").explanation().notes().stream().anyMatch(n -> n.contains("discuss")));
        assertFalse(find(byStdDev, "agreed").discuss());

        Ranking byRange = Ranker.rank(CRITERIA, proposals, reviews,
                RankingOptions.defaults().withDiscussAbove(RankingOptions.SpreadMeasure.RANGE, 4.0));
        assertEquals(4.0, find(byRange, "split").spread(), EPS);
        assertFalse(find(byRange, "split").discuss());
    }

    @Test
    void organizerChoosesRawOrCalibratedAsTheKeyAndRanksAreGivenPerTrack() {
        // Calibrated, the harsh reviewer's best (a3) ties the generous reviewer's best (b3); raw, b3 wins clearly.
        List<ReviewScore> reviews = List.of(
                review("a1", "harsh", 1), review("a2", "harsh", 2), review("a3", "harsh", 3),
                review("b1", "generous", 3), review("b2", "generous", 4), review("b3", "generous", 5));
        List<ProposalRef> proposals = List.of(proposal("a1", "legal"), proposal("a2", "legal"), proposal("a3", "legal"),
                proposal("b1", "ospo"), proposal("b2", "ospo"), proposal("b3", "ospo"), proposal("unreviewed", "ospo"));

        Ranking raw = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults().withKey(RankingOptions.Key.RAW));
        // a3 and b1 tie raw at 3 and calibrated a3 is higher.
        assertEquals(List.of("b3", "b2", "a3", "b1", "a2", "a1", "unreviewed"), ids(raw));
        assertEquals(3, find(raw, "a3").rank());
        assertEquals(1, find(raw, "a3").rankInTrack());
        assertEquals(3, find(raw, "b1").rankInTrack());
        assertNull(find(raw, "unreviewed").rank());
        assertNull(find(raw, "unreviewed").weightedMean());

        Ranking calibrated = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults());
        assertEquals(List.of("b3", "a3", "b2", "a2", "b1", "a1", "unreviewed"), ids(calibrated));
        assertEquals(2, find(calibrated, "a3").rank());
        assertEquals(1, find(calibrated, "a3").rankInTrack());
    }

    @Test
    void tiesAreBrokenByReviewCountThenSpreadThenId() {
        List<ReviewScore> reviews = List.of(
                review("two-agreeing", "r1", 3), review("two-agreeing", "r2", 3),
                review("two-split", "r1", 2), review("two-split", "r2", 4),
                review("three", "r1", 3), review("three", "r2", 3), review("three", "r3", 3),
                review("b-one", "r3", 3), review("a-one", "r3", 3));
        List<ProposalRef> proposals = List.of(proposal("b-one", "t"), proposal("a-one", "t"), proposal("two-split", "t"),
                proposal("two-agreeing", "t"), proposal("three", "t"));
        // Too few reviews per reviewer to calibrate anyone at 10: raw and calibrated agree, everything is 3.
        Ranking ranking = Ranker.rank(CRITERIA, proposals, reviews, RankingOptions.defaults().withMinReviewsToCalibrate(10));
        assertEquals(List.of("three", "two-agreeing", "two-split", "a-one", "b-one"), ids(ranking));
    }

    @Test
    void explanationNumbersHaveTwoDecimals() {
        assertEquals("1.42", Ranker.two(3 - Math.sqrt(2.5)));
        assertEquals("4.58", Ranker.two(3 + Math.sqrt(2.5)));
        assertEquals("3.00", Ranker.two(2.999));
        assertEquals("0.05", Ranker.two(0.049));
        assertEquals("-0.50", Ranker.two(-0.5));
        assertEquals("0.00", Ranker.two(-0.001));
    }

    static List<String> ids(Ranking ranking) {
        return ranking.proposals().stream().map(RankedProposal::proposalId).toList();
    }
}
