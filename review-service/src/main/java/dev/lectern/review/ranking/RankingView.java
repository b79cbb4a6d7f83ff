package dev.lectern.review.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;

import java.util.List;

/**
 * The ranking as an organizer reads it. Blind: {@code speakers} is absent unless the organizer asked for
 * identities.
 *
 * @param key          the score the ranking is ordered by, {@code raw} or {@code calibrated}
 * @param reviewers    each reviewer's scale and whether their scores were calibrated
 */
public record RankingView(String event, String key, boolean identities, int minReviewsToCalibrate,
                          double pooledMean, double pooledStdDev, List<Line> proposals,
                          List<ReviewerCalibration> reviewers) {

    /** One proposal's line: its scores, its ranks and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String proposalId, String title, String track, String format, String status, int reviewCount,
                       Double weightedMean, Double median, Double calibratedScore, Double spread, boolean discuss,
                       Integer rank, Integer rankInTrack, Explanation explanation,
                       List<ProposalIdentity.SpeakerIdentity> speakers) {

        static Line of(RankedProposal p, ProposalContent content, List<ProposalIdentity.SpeakerIdentity> speakers) {
            return new Line(p.proposalId(), content.title, p.track(), p.format(), content.status, p.reviewCount(),
                    p.weightedMean(), p.median(), p.calibratedScore(), p.spread(), p.discuss(), p.rank(),
                    p.rankInTrack(), p.explanation(), speakers);
        }
    }
}
