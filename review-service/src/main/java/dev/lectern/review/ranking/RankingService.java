package dev.lectern.review.ranking;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.review.Review;
import dev.lectern.review.settings.ReviewSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an event's ranking from review-service's own store: the criteria of its settings, its reviews, and
 * the blind proposal content. Proposals in review rank, and so do decided ones, so that the ranking an
 * organizer selected from stays readable after the decisions went out.
 */
@ApplicationScoped
public class RankingService {

    /** Statuses of the proposals that are ranked. */
    public static final Set<String> RANKED_STATUSES = ProposalStatus.names(ProposalStatus::ranked);

    /** A ranking with the proposals it ranked, by id, and the settings it used. */
    public record EventRanking(Ranking ranking, Map<String, ProposalContent> proposals, ReviewSettings settings) {
    }

    @Transactional
    public EventRanking rank(String event, RankingOptions.Key key) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        ReviewSettings settings = ReviewSettings.findById(event);
        if (settings == null) {
            throw new ProblemException(409, "no-review-settings");
        }
        List<Criterion> criteria = settings.criteria.stream()
                .map(c -> new Criterion(c.key(), c.weight().doubleValue(), c.min(), c.max()))
                .toList();
        List<ProposalContent> contents = ProposalContent.list("eventSlug = ?1 AND status IN ?2 ORDER BY id", event,
                RANKED_STATUSES);
        Map<String, ProposalContent> byId = new LinkedHashMap<>();
        List<ProposalRef> refs = new ArrayList<>(contents.size());
        for (ProposalContent content : contents) {
            byId.put(content.id.toString(), content);
            refs.add(new ProposalRef(content.id.toString(), content.track, content.format, Set.of()));
        }
        List<Review> reviews = Review.list("eventSlug", event);
        List<ReviewScore> scores = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            scores.add(new ReviewScore(review.proposalId.toString(), review.reviewerId.toString(), review.scores));
        }
        Ranking ranking = Ranker.rank(criteria, refs, scores, RankingOptions.defaults().withKey(key));
        return new EventRanking(ranking, byId, settings);
    }
}
