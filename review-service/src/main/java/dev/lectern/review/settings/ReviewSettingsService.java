package dev.lectern.review.settings;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.review.Review;
import dev.lectern.review.review.Scoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class ReviewSettingsService {

    @Inject
    EntityManager em;

    @Transactional
    public ReviewSettingsView put(String event, ReviewSettingsRequest request) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        check(request);
        ReviewSettings settings = em.find(ReviewSettings.class, event, LockModeType.PESSIMISTIC_WRITE);
        boolean created = settings == null;
        List<Review> reviews = created ? List.of() : Review.list("eventSlug", event);
        if (!reviews.isEmpty() && !sameScales(settings.criteria, request.criteria())) {
            // Reviews already given would no longer fit: keys and ranges are fixed once reviewing began.
            throw new ProblemException(409, "criteria-locked");
        }
        if (created) {
            settings = new ReviewSettings();
            settings.eventSlug = event;
        }
        settings.criteria = List.copyOf(request.criteria());
        settings.reviewsPerProposal = request.reviewsPerProposal();
        settings.blind = request.blind() == null || request.blind();
        settings.phase = request.phase() == null ? ReviewPhase.OPEN : request.phase();
        settings.dueAt = request.dueAt() == null ? null : request.dueAt().toInstant();
        settings.updatedAt = Instant.now();
        if (created) {
            em.persist(settings);
        }
        // Weights may change after reviewing began; the stored weighted scores follow them.
        for (Review review : reviews) {
            review.weightedScore = Scoring.weighted(settings.criteria, review.scores);
        }
        return ReviewSettingsView.of(settings);
    }

    @Transactional
    public ReviewSettingsView get(String event) {
        return ReviewSettings.forEvent(event).map(ReviewSettingsView::of).orElseThrow(ProblemException::notFound);
    }

    /** Rules Bean Validation cannot state: unique keys, a range that is a range. */
    private static void check(ReviewSettingsRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.criteria().size(); i++) {
            Criterion criterion = request.criteria().get(i);
            if (!keys.add(criterion.key())) {
                errors.add(new FieldError("criteria[" + i + "].key", "duplicate", null));
            }
            if (criterion.min() >= criterion.max()) {
                errors.add(new FieldError("criteria[" + i + "].max", "greater-than-min", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", errors);
        }
    }

    private static boolean sameScales(List<Criterion> before, List<Criterion> after) {
        Set<String> a = new HashSet<>();
        before.forEach(c -> a.add(c.key() + ":" + c.min() + ".." + c.max()));
        Set<String> b = new HashSet<>();
        after.forEach(c -> b.add(c.key() + ":" + c.min() + ".." + c.max()));
        return a.equals(b);
    }
}
